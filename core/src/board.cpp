#include "onebook/board.hpp"
#include "onebook/collation.hpp"
#include "onebook/numbers.hpp"

#include "onebook/dues.hpp"
#include "onebook/error.hpp"
#include "onebook/pdf/writer.hpp"
#include "onebook/platform.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "onebook/text_limits.hpp"
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace onebook::core {

namespace {

/// Calls fn(position, length, name) for every "{name}" (name: [A-Za-z0-9_]+) in `text`, scanning
/// once (a regex iterator recursed per character on long template text).
template <class Fn> void for_each_placeholder(const std::string& text, Fn fn) {
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    std::size_t k = 0;
    while ((k = text.find('{', k)) != std::string::npos) {
        std::size_t e = k + 1;
        while (e < text.size() && word(text[e])) ++e;
        if (e > k + 1 && e < text.size() && text[e] == '}') {
            fn(k, e + 1 - k, text.substr(k + 1, e - k - 1));
            k = e + 1;
        } else {
            k = e > k + 1 ? e : k + 1;
        }
    }
}

// A blank to fill in by hand: what a printed form shows for a value the archive does not have.
const char* const blank = "＿＿＿＿＿＿";

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Boards print one decimal at most: a wall board is read from a step away.
std::string fmt_number(double d) { return format_number(d, 1); }

std::string percent(int part, int whole) {
    if (whole <= 0) return "—";
    return fmt_number(100.0 * part / whole) + "%";
}

/// "2025年3月—2025年6月" from the items' registration dates and deadlines.
std::string items_period(const PublicView& v) {
    if (v.rectification.empty()) return {};
    Date first = v.rectification.front().created_on, last = v.rectification.front().deadline;
    for (const auto& r : v.rectification) {
        first = std::min(first, r.created_on);
        last = std::max(last, r.deadline);
    }
    auto ym = [](const Date& d) { return std::to_string(d.year()) + "年" + std::to_string(d.month()) + "月"; };
    return ym(first) + "—" + ym(last);
}

std::string chinese_if_date(const std::string& s) {
    auto d = Date::parse(s);
    return d ? d->chinese() : s;
}

class TemplateReader {
public:
    TemplateReader(const std::string& file) : m_file(file) {}

    [[noreturn]] void fail(const std::string& key, MessageParams params, const std::string& field) const {
        params.insert(params.begin(), {"file", m_file});
        params.push_back({"field", field});
        throw Error(key, params, {m_file, {}, field});
    }

    std::string text(const Poco::JSON::Object::Ptr& o, const std::string& key, const std::string& field, bool required,
                     const std::string& fallback = {}) const {
        if (!o->has(key) || o->isNull(key)) {
            if (required) fail(OB_N("公示牌模板 {file} 缺少字段“{field}”"), {}, field);
            return fallback;
        }
        auto v = o->get(key);
        if (!v.isString()) fail(OB_N("公示牌模板 {file} 的字段“{field}”应为文字"), {}, field);
        std::string s = v.convert<std::string>();
        if (required && s.empty()) fail(OB_N("公示牌模板 {file} 的字段“{field}”不能为空"), {}, field);
        check_placeholders(s, field);
        return s;
    }

    double number(const Poco::JSON::Object::Ptr& o, const std::string& key, const std::string& field, double fallback) const {
        if (!o->has(key)) return fallback;
        auto v = o->get(key);
        if (!v.isNumeric()) fail(OB_N("公示牌模板 {file} 的字段“{field}”应为数字"), {}, field);
        return v.convert<double>();
    }

    Poco::JSON::Array::Ptr array(const Poco::JSON::Object::Ptr& o, const std::string& key, const std::string& field,
                                 bool required) const {
        if (!o->has(key)) {
            if (required) fail(OB_N("公示牌模板 {file} 缺少字段“{field}”"), {}, field);
            return new Poco::JSON::Array;
        }
        auto a = o->getArray(key);
        if (!a) fail(OB_N("公示牌模板 {file} 的字段“{field}”应为数组"), {}, field);
        return a;
    }

    Poco::JSON::Object::Ptr object_at(const Poco::JSON::Array::Ptr& a, unsigned i, const std::string& field) const {
        auto o = a->getObject(i);
        if (!o) fail(OB_N("公示牌模板 {file} 的“{field}”应为对象"), {}, field);
        return o;
    }

    std::string string_at(const Poco::JSON::Array::Ptr& a, unsigned i, const std::string& field) const {
        auto v = a->get(i);
        if (!v.isString()) fail(OB_N("公示牌模板 {file} 的“{field}”应为文字"), {}, field);
        std::string s = v.convert<std::string>();
        check_placeholders(s, field);
        return s;
    }

    void check_placeholders(const std::string& s, const std::string& field) const {
        const auto& known = board_placeholders();
        for_each_placeholder(s, [&](std::size_t, std::size_t, const std::string& name) {
            if (std::find(known.begin(), known.end(), name) == known.end())
                fail(OB_N("公示牌模板 {file} 的“{field}”用了未知的占位符 {{name}}"), {{"name", name}}, field);
        });
    }

    std::vector<std::pair<std::string, std::string>> field_list(const Poco::JSON::Array::Ptr& a, const std::string& field) const {
        std::vector<std::pair<std::string, std::string>> out;
        for (unsigned i = 0; i < a->size(); ++i) {
            std::string f = field + "[" + std::to_string(i) + "]";
            auto o = object_at(a, i, f);
            out.emplace_back(text(o, "label", f + ".label", true), text(o, "value", f + ".value", false));
        }
        return out;
    }

private:
    std::string m_file;
};

} // namespace

const std::map<std::string, std::vector<std::string>>& board_sources() {
    static const std::map<std::string, std::vector<std::string>> s = {
        {"rectification", {"index", "issue", "measures", "measures_target", "target", "owner", "deadline", "progress", "status"}},
        {"committee", {"role", "name"}},
        {"members", {"index", "name", "status", "group", "category"}},
        {"member_names", {"text"}},
        {"dues", {"period", "members_due", "members_paid", "rate", "amount", "remitted", "notes"}},
        {"records", {"item", "value"}},
        {"achievements", {"index", "text"}},
        {"notices", {"index", "text"}},
        {"grades", {"year", "kind", "score", "grade"}},
    };
    return s;
}

const std::vector<std::string>& board_placeholders() {
    static const std::vector<std::string> all = [] {
        std::vector<std::string> v = {"organisation",
                                      "form",
                                      "superior",
                                      "founded",
                                      "date",
                                      "year",
                                      "members_count",
                                      "full_members",
                                      "probationary_members",
                                      "groups_count",
                                      "secretary",
                                      "rect_total",
                                      "rect_done",
                                      "rect_in_progress",
                                      "rect_open",
                                      "rect_overdue",
                                      "dues_latest",
                                      "dues_period"};
        for (const auto& k : board_setting_keys())
            if (k != "achievements" && k != "records" && k != "notices") v.push_back(k); // lists, not placeholders
        return v;
    }();
    return all;
}

namespace {

using JObjectPtr = Poco::JSON::Object::Ptr;

JObjectPtr parse_template_json(const std::string& json, const std::string& file) {
    JObjectPtr root;
    try {
        Poco::JSON::Parser parser;
        parser.setDepth(limits::json_depth);
        root = parser.parse(json).extract<JObjectPtr>();
    } catch (const Poco::Exception& e) {
        throw Error("公示牌模板 {file} 不是有效的 JSON：{reason}", {{"file", file}, {"reason", e.displayText()}}, {file, {}, {}});
    } catch (const std::exception& e) {
        throw Error("公示牌模板 {file} 不是有效的 JSON：{reason}", {{"file", file}, {"reason", e.what()}}, {file, {}, {}});
    }
    if (!root) throw Error("公示牌模板 {file} 不是 JSON 对象", {{"file", file}}, {file, {}, {}});
    return root;
}

/// The template's identity, texts and page: id, titles, size, orientation, body size.
void read_page(const TemplateReader& r, const JObjectPtr& root, BoardTemplate& t) {
    t.id = r.text(root, "id", "id", true);
    if (!matches_word(t.id, "abcdefghijklmnopqrstuvwxyz0123456789", "abcdefghijklmnopqrstuvwxyz0123456789_.-", 1,
                      limits::identifier))
        r.fail(OB_N("公示牌模板 {file} 的标识“{id}”只能用小写字母、数字和 _ . -"), {{"id", t.id}}, "id");
    t.title = r.text(root, "title", "title", true);
    t.subtitle = r.text(root, "subtitle", "subtitle", false);
    t.description = r.text(root, "description", "description", false);
    t.source = r.text(root, "source", "source", false);
    t.size = r.text(root, "size", "size", false, "A1");
    t.orientation = r.text(root, "orientation", "orientation", false, "landscape");
    t.max_body = r.number(root, "max_body", "max_body", 12.4);
    if (!(t.max_body >= 7 && t.max_body <= 40))
        r.fail(OB_N("公示牌模板 {file} 的“{field}”应在 7 到 40（磅，按 A4 计）之间"), {}, "max_body");
    try {
        pdf::PageSize::parse(t.size);
        pdf::parse_orientation(t.orientation);
    } catch (const Error& e) { r.fail(OB_N("公示牌模板 {file} 的尺寸或方向有误：{reason}"), {{"reason", e.what()}}, "size"); }
}

void read_header(const TemplateReader& r, const JObjectPtr& root, BoardTemplate& t) {
    if (!root->has("header")) return;
    auto h = root->getObject("header");
    if (!h) r.fail(OB_N("公示牌模板 {file} 的字段“{field}”应为对象"), {}, "header");
    t.header_columns = static_cast<int>(r.number(h, "columns", "header.columns", 3));
    if (t.header_columns < 1 || t.header_columns > 6)
        r.fail(OB_N("公示牌模板 {file} 的“{field}”应在 1 到 6 之间"), {}, "header.columns");
    t.header = r.field_list(r.array(h, "fields", "header.fields", false), "header.fields");
}

BoardBlock::Kind block_kind(const TemplateReader& r, const std::string& type, const std::string& f) {
    if (type == "heading") return BoardBlock::Kind::Heading;
    if (type == "paragraph") return BoardBlock::Kind::Paragraph;
    if (type == "fields") return BoardBlock::Kind::Fields;
    if (type == "table") return BoardBlock::Kind::Table;
    if (type == "list") return BoardBlock::Kind::List;
    r.fail(OB_N("公示牌模板 {file} 的“{field}”是未知的类型“{type}”（可用 heading、paragraph、fields、table、list）"),
           {{"type", type}}, f + ".type");
}

/// A table block's column: a key its data source has, a title, a weight and an alignment.
BoardColumn read_column(const TemplateReader& r, const JObjectPtr& co, const std::string& cf, const BoardBlock& b,
                        const std::vector<std::string>& source_keys) {
    BoardColumn col;
    col.key = r.text(co, "key", cf + ".key", true);
    if (std::find(source_keys.begin(), source_keys.end(), col.key) == source_keys.end()) {
        std::string keys;
        for (const auto& k : source_keys) keys += (keys.empty() ? "" : "、") + k;
        r.fail(OB_N("公示牌模板 {file} 的“{field}”：数据来源“{source}”没有“{key}”列（可用 {keys}）"),
               {{"source", b.source}, {"key", col.key}, {"keys", keys}}, cf + ".key");
    }
    col.title = r.text(co, "title", cf + ".title", true);
    col.weight = r.number(co, "weight", cf + ".weight", 1);
    if (!(col.weight > 0 && col.weight <= 100))
        r.fail(OB_N("公示牌模板 {file} 的“{field}”应为 0 到 100 之间的正数"), {}, cf + ".weight");
    col.align = r.text(co, "align", cf + ".align", false, "left");
    if (col.align != "left" && col.align != "center" && col.align != "right")
        r.fail(OB_N("公示牌模板 {file} 的“{field}”应为 left、center 或 right"), {}, cf + ".align");
    return col;
}

/// A table's or list's data source, and a table's columns.
void read_source(const TemplateReader& r, const JObjectPtr& o, const std::string& f, BoardBlock& b) {
    b.source = r.text(o, "source", f + ".source", true);
    auto src = board_sources().find(b.source);
    if (src == board_sources().end()) {
        std::string names;
        for (const auto& [k, cols] : board_sources()) names += (names.empty() ? "" : "、") + k;
        r.fail(OB_N("公示牌模板 {file} 的“{field}”是未知的数据来源“{source}”（可用 {sources}）"),
               {{"source", b.source}, {"sources", names}}, f + ".source");
    }
    if (b.kind != BoardBlock::Kind::Table) return;
    auto cols = r.array(o, "columns", f + ".columns", true);
    if (cols->size() == 0) r.fail(OB_N("公示牌模板 {file} 的“{field}”不能为空"), {}, f + ".columns");
    for (unsigned c = 0; c < cols->size(); ++c) {
        std::string cf = f + ".columns[" + std::to_string(c) + "]";
        b.columns.push_back(read_column(r, r.object_at(cols, c, cf), cf, b, src->second));
    }
}

BoardBlock read_block(const TemplateReader& r, const JObjectPtr& o, const std::string& f) {
    BoardBlock b;
    b.kind = block_kind(r, r.text(o, "type", f + ".type", true), f);
    b.text = r.text(o, "text", f + ".text", b.kind == BoardBlock::Kind::Heading || b.kind == BoardBlock::Kind::Paragraph);
    b.style = r.text(o, "style", f + ".style", false, "body");
    if (b.style != "body" && b.style != "small" && b.style != "centered" && b.style != "plain")
        r.fail(OB_N("公示牌模板 {file} 的“{field}”应为 body、small、centered 或 plain"), {}, f + ".style");
    b.empty = r.text(o, "empty", f + ".empty", false, "暂无");
    b.limit = static_cast<int>(r.number(o, "limit", f + ".limit", 0));
    b.size = r.number(o, "size", f + ".size", 1.0);
    if (!(b.size >= 0.5 && b.size <= 3)) r.fail(OB_N("公示牌模板 {file} 的“{field}”应在 0.5 到 3 之间"), {}, f + ".size");
    if (b.kind == BoardBlock::Kind::Fields) {
        b.field_columns = static_cast<int>(r.number(o, "columns", f + ".columns", 2));
        if (b.field_columns < 1 || b.field_columns > 6)
            r.fail(OB_N("公示牌模板 {file} 的“{field}”应在 1 到 6 之间"), {}, f + ".columns");
        b.fields = r.field_list(r.array(o, "fields", f + ".fields", true), f + ".fields");
    }
    if (b.kind == BoardBlock::Kind::Table || b.kind == BoardBlock::Kind::List) read_source(r, o, f, b);
    return b;
}

void read_footer(const TemplateReader& r, const JObjectPtr& root, BoardTemplate& t) {
    if (!root->has("footer")) return;
    auto fo = root->getObject("footer");
    if (!fo) r.fail(OB_N("公示牌模板 {file} 的字段“{field}”应为对象"), {}, "footer");
    auto lines = r.array(fo, "text", "footer.text", false);
    for (unsigned i = 0; i < lines->size(); ++i) t.footer_text.push_back(r.string_at(lines, i, "footer.text"));
    auto sig = r.array(fo, "signature", "footer.signature", false);
    for (unsigned i = 0; i < sig->size(); ++i) t.signature.push_back(r.string_at(sig, i, "footer.signature"));
    if (fo->has("seal")) {
        auto v = fo->get("seal");
        if (!v.isBoolean()) r.fail(OB_N("公示牌模板 {file} 的字段“{field}”应为 true 或 false"), {}, "footer.seal");
        t.seal = v.convert<bool>();
    }
}

} // namespace

BoardTemplate parse_board_template(const std::string& json, const std::string& file) {
    TemplateReader r(file);
    JObjectPtr root = parse_template_json(json, file);
    BoardTemplate t;
    t.file = file;
    read_page(r, root, t);
    read_header(r, root, t);
    auto blocks = r.array(root, "blocks", "blocks", true);
    if (blocks->size() == 0) r.fail(OB_N("公示牌模板 {file} 的“{field}”不能为空"), {}, "blocks");
    for (unsigned i = 0; i < blocks->size(); ++i) {
        std::string f = "blocks[" + std::to_string(i) + "]";
        t.blocks.push_back(read_block(r, r.object_at(blocks, i, f), f));
    }
    read_footer(r, root, t);
    return t;
}

std::vector<fs::path> BoardTemplates::default_dirs() {
    std::vector<fs::path> out;
    if (const char* env = std::getenv("ONEBOOK_TEMPLATE_PATH")) {
        std::stringstream ss(env);
        std::string part;
        while (std::getline(ss, part, ':'))
            if (!part.empty()) out.emplace_back(part);
    }
    auto exe = platform::executable_dir();
    out.push_back(exe.parent_path() / "templates");                       // build tree: build/bin → build/templates
    out.push_back(exe.parent_path() / "share" / "onebook" / "templates"); // install tree: prefix/bin → prefix/share
    return out;
}

BoardTemplates BoardTemplates::load(const PluginHost* plugins, const std::string& sector, const std::vector<fs::path>& dirs) {
    BoardTemplates t;
    std::string tried;
    for (const auto& d : dirs) {
        std::error_code ec;
        if (fs::is_directory(d / "boards", ec)) {
            t.load_folder(d / "boards");
            break;
        }
        tried += (tried.empty() ? "" : "、") + (d / "boards").string();
    }
    if (plugins && sector.empty()) {
        for (const auto& p : plugins->loaded()) t.load_plugin(*p);
    } else if (plugins) {
        if (const auto* p = plugins->find(sector)) t.load_plugin(*p); // only that sector's plugin is loaded
    }
    if (t.m_all.empty())
        throw Error("找不到公示牌模板（查找了 {dirs}），可用环境变量 ONEBOOK_TEMPLATE_PATH 指定模板文件夹", {{"dirs", tried}});
    return t;
}

void BoardTemplates::load_folder(const fs::path& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
    if (ec) throw Error("无法读取公示牌模板文件夹 {folder}：{reason}", {{"folder", dir.string()}, {"reason", ec.message()}});
    std::sort(files.begin(), files.end());
    for (const auto& f : files) add(parse_board_template(read_text(f), f.string()));
}

void BoardTemplates::load_plugin(const LoadedPlugin& plugin) {
    for (const auto& c : plugin.contributions(ExtensionPoint::BoardTemplates)) add(parse_board_template(c.json, c.source));
}

void BoardTemplates::add(BoardTemplate t) {
    for (auto& existing : m_all)
        if (existing.id == t.id) {
            existing = std::move(t);
            return;
        }
    m_all.push_back(std::move(t));
}

const BoardTemplate* BoardTemplates::find(const std::string& id) const {
    for (const auto& t : m_all)
        if (t.id == id) return &t;
    return nullptr;
}

const BoardTemplate& BoardTemplates::require(const std::string& id) const {
    if (auto t = find(id)) return *t;
    std::string ids;
    for (const auto& t : m_all) ids += (ids.empty() ? "" : "、") + t.id;
    throw Error("没有标识为“{id}”的公示牌模板，可用的有：{ids}", {{"id", id}, {"ids", ids}}, {{}, {}, "template"});
}

std::map<std::string, std::string> board_values(const PublicView& v) {
    std::map<std::string, std::string> m;
    auto put = [&](const std::string& k, const std::string& value) {
        if (!value.empty()) m[k] = value;
    };
    put("organisation", v.organisation);
    put("form", v.form);
    put("superior", v.superior);
    if (v.founded_on) put("founded", v.founded_on->chinese());
    put("date", v.today.chinese());
    put("year", std::to_string(v.today.year()));
    int full = 0, probationary = 0;
    for (const auto& mem : v.members) (mem.status == "预备党员" ? probationary : full)++;
    put("members_count", std::to_string(v.members.size()));
    put("full_members", std::to_string(full));
    put("probationary_members", std::to_string(probationary));
    put("groups_count", std::to_string(v.groups));
    for (const auto& s : v.committee)
        if (s.role == "书记") put("secretary", s.name);

    int done = 0, in_progress = 0, open = 0, overdue = 0;
    for (const auto& r : v.rectification) {
        if (r.finished) ++done;
        else if (r.status == "整改中") ++in_progress;
        else ++open;
        if (r.overdue) ++overdue;
    }
    put("rect_total", std::to_string(v.rectification.size()));
    put("rect_done", std::to_string(done));
    put("rect_in_progress", std::to_string(in_progress));
    put("rect_open", std::to_string(open));
    put("rect_overdue", std::to_string(overdue));
    // The period defaults to the span of the items: first registration to last deadline.
    put("period", items_period(v));

    if (!v.dues.empty()) {
        const auto& d = v.dues.front();
        put("dues_period", d.label);
        put("dues_latest", d.label + "，应交党费党员 " + std::to_string(d.members_due) + " 名，实交 " +
                               std::to_string(d.members_paid) + " 名，收缴党费 " + format_yuan(d.amount_fen) + " 元" +
                               (d.remitted_fen ? "，上缴上级党委 " + format_yuan(*d.remitted_fen) + " 元" : std::string()) +
                               "。");
    }
    if (const auto* g = v.latest_grade(false)) {
        put("grade", g->grade);
        put("grade_year", std::to_string(g->year));
        if (g->score) put("score", fmt_number(*g->score));
    }
    if (const auto* g = v.latest_grade(true)) {
        put("self_grade", g->grade);
        if (g->score) put("self_score", fmt_number(*g->score));
        if (!m.count("grade_year")) put("grade_year", std::to_string(g->year));
    }
    put("issuer", v.organisation);
    put("objection_start", v.today.chinese());
    put("objection_end", v.today.add_days(6).chinese()); // 公示期 7 days unless set

    // What the secretary typed for the board wins over what was computed.
    for (const auto& [k, value] : v.fields) {
        if (k == "achievements" || k == "records" || k == "notices") continue; // lists, not placeholders
        if (k == "objection_start" || k == "objection_end") put(k, chinese_if_date(value));
        else put(k, value);
    }
    return m;
}

namespace {

struct Filler {
    const PublicView& view;
    std::map<std::string, std::string> values;
    std::set<std::string> unfilled;

    std::string fill(const std::string& text) {
        std::string out;
        std::size_t begin = 0;
        for_each_placeholder(text, [&](std::size_t pos, std::size_t len, const std::string& name) {
            out.append(text, begin, pos - begin);
            auto v = values.find(name);
            if (v != values.end()) out += v->second;
            else {
                out += blank;
                unfilled.insert(name);
            }
            begin = pos + len;
        });
        out.append(text, begin, std::string::npos);
        return out;
    }

    /// The members by name in pinyin, as the roster lists them (ties in roster order): sorted here,
    /// so a board that only counts them never loads the collation.
    std::vector<PublicMember> members_by_name() const {
        std::vector<PublicMember> out = view.members;
        std::stable_sort(out.begin(), out.end(),
                         [](const PublicMember& a, const PublicMember& b) { return name_less(a.name, b.name); });
        return out;
    }

    /// Rows of a source as key → text, in board order.
    std::vector<std::pair<std::map<std::string, std::string>, pdf::RowStyle>> rows(const std::string& source) {
        std::vector<std::pair<std::map<std::string, std::string>, pdf::RowStyle>> out;
        if (source == "rectification") {
            for (const auto& r : view.rectification) {
                std::map<std::string, std::string> c;
                c["index"] = std::to_string(r.index);
                c["issue"] = r.issue;
                c["measures"] = r.measures;
                c["target"] = r.target;
                c["measures_target"] = r.target.empty() ? r.measures : r.measures + "\n目标：" + r.target;
                c["owner"] = r.owner;
                c["deadline"] = r.deadline.chinese();
                c["status"] = r.overdue ? "已逾期" : r.status;
                std::string progress = r.status;
                if (!r.progress.empty()) progress += "：" + r.progress;
                if (r.overdue) progress = "已逾期" + std::to_string(r.days_overdue) + "天（" + progress + "）";
                c["progress"] = progress;
                out.push_back({c, r.overdue ? pdf::RowStyle::alert : pdf::RowStyle::normal});
            }
        } else if (source == "committee") {
            for (const auto& s : view.committee) out.push_back({{{"role", s.role}, {"name", s.name}}, pdf::RowStyle::normal});
        } else if (source == "members") {
            int i = 0;
            for (const auto& m : members_by_name())
                out.push_back({{{"index", std::to_string(++i)},
                                {"name", m.name},
                                {"status", m.status},
                                {"group", m.group},
                                {"category", m.category}},
                               pdf::RowStyle::normal});
        } else if (source == "member_names") {
            std::string names;
            for (const auto& m : members_by_name()) names += (names.empty() ? "" : "、") + m.name;
            if (!names.empty()) out.push_back({{{"text", names}}, pdf::RowStyle::normal});
        } else if (source == "dues") {
            // The latest period (the one being published) stands out; earlier ones are for comparison.
            for (const auto& d : view.dues)
                out.push_back({{{"period", d.label},
                                {"members_due", std::to_string(d.members_due)},
                                {"members_paid", std::to_string(d.members_paid)},
                                {"rate", percent(d.members_paid, d.members_due)},
                                {"amount", format_yuan(d.amount_fen)},
                                {"remitted", d.remitted_fen ? format_yuan(*d.remitted_fen) : "—"},
                                {"notes", d.notes}},
                               &d == &view.dues.front() ? pdf::RowStyle::emphasis : pdf::RowStyle::normal});
        } else if (source == "records") {
            for (const auto& r : view.records) out.push_back({{{"item", r.item}, {"value", r.value}}, pdf::RowStyle::normal});
        } else if (source == "achievements" || source == "notices") {
            const auto& list = source == "achievements" ? view.achievements : view.notices;
            int i = 0;
            for (const auto& s : list) out.push_back({{{"index", std::to_string(++i)}, {"text", s}}, pdf::RowStyle::normal});
        } else if (source == "grades") {
            for (const auto& g : view.grades)
                out.push_back({{{"year", std::to_string(g.year)},
                                {"kind", g.self_assessed ? "自评" : "上级党组织评定"},
                                {"score", g.score ? fmt_number(*g.score) : "—"},
                                {"grade", g.grade}},
                               pdf::RowStyle::normal});
        }
        return out;
    }
};

pdf::Align align_of(const std::string& a) {
    if (a == "center") return pdf::Align::center;
    if (a == "right") return pdf::Align::right;
    return pdf::Align::left;
}

void add_blocks(pdf::Writer& w, const BoardTemplate& t, Filler& f, const BoardOptions& options) {
    if (!options.logo.empty()) {
        pdf::ImageOptions img;
        img.max_height = w.options().page.height * 0.07;
        img.align = pdf::Align::center;
        w.image(options.logo, img);
    }
    w.title(f.fill(t.title), {.size = 2.2, .band = true, .space_after = 0.5});
    if (!t.subtitle.empty()) w.paragraph(f.fill(t.subtitle), {.size = 1.25, .align = pdf::Align::center, .space_after = 0.6});
    if (!t.header.empty()) {
        std::vector<std::pair<std::string, std::string>> items;
        for (const auto& [label, value] : t.header) items.emplace_back(f.fill(label), f.fill(value));
        w.fields(items, t.header_columns, 1.05);
        w.spacer(0.3);
    }
    for (const auto& b : t.blocks) {
        switch (b.kind) {
        case BoardBlock::Kind::Heading: w.heading(f.fill(b.text), 2, false); break;
        case BoardBlock::Kind::Paragraph: {
            pdf::ParagraphStyle st = pdf::ParagraphStyle::body();
            if (b.style == "small") st = pdf::ParagraphStyle::small();
            else if (b.style == "centered") st = pdf::ParagraphStyle::centered();
            else if (b.style == "plain") st.first_indent = 0;
            st.size *= b.size;
            w.paragraph(f.fill(b.text), st);
            break;
        }
        case BoardBlock::Kind::Fields: {
            std::vector<std::pair<std::string, std::string>> items;
            for (const auto& [label, value] : b.fields) items.emplace_back(f.fill(label), f.fill(value));
            w.fields(items, b.field_columns, b.size);
            break;
        }
        case BoardBlock::Kind::Table: {
            auto rows = f.rows(b.source);
            if (b.limit > 0 && static_cast<int>(rows.size()) > b.limit) rows.resize(static_cast<std::size_t>(b.limit));
            pdf::Table table;
            table.size = b.size;
            for (const auto& c : b.columns) table.columns.push_back({f.fill(c.title), c.weight, align_of(c.align)});
            for (const auto& [cells, style] : rows) {
                pdf::TableRow row;
                row.style = style;
                for (const auto& c : b.columns) {
                    auto it = cells.find(c.key);
                    row.cells.push_back(it == cells.end() ? std::string() : it->second);
                }
                table.rows.push_back(std::move(row));
            }
            if (table.rows.empty()) {
                // A ruled table with one explanatory row reads better on a wall than a missing table.
                pdf::TableRow row;
                row.style = pdf::RowStyle::muted;
                row.cells.push_back(f.fill(b.empty));
                table.rows.push_back(std::move(row));
            }
            w.table(table);
            w.spacer(0.4);
            break;
        }
        case BoardBlock::Kind::List: {
            auto rows = f.rows(b.source);
            if (b.limit > 0 && static_cast<int>(rows.size()) > b.limit) rows.resize(static_cast<std::size_t>(b.limit));
            if (rows.empty()) {
                w.paragraph(f.fill(b.empty), pdf::ParagraphStyle::body());
                break;
            }
            for (const auto& [cells, style] : rows) {
                auto idx = cells.find("index");
                std::string text = cells.at("text");
                pdf::ParagraphStyle st = pdf::ParagraphStyle::body();
                st.space_after = 0.25;
                st.size *= b.size;
                w.paragraph(idx == cells.end() ? text : idx->second + "．" + text, st);
            }
            break;
        }
        }
    }
    for (const auto& line : t.footer_text) w.paragraph(f.fill(line), pdf::ParagraphStyle::small());
    if (!t.signature.empty() || t.seal) {
        std::vector<std::string> lines;
        for (const auto& s : t.signature) lines.push_back(f.fill(s));
        w.spacer(0.6);
        w.signature(lines, t.seal, 1.1);
    }
}

} // namespace

BoardResult render_board(const BoardTemplate& t, const PublicView& view, const BoardOptions& options, const fs::path& out) {
    pdf::PageSize size = options.size ? *options.size : pdf::PageSize::parse(t.size);
    pdf::Orientation orientation = options.orientation ? *options.orientation : pdf::parse_orientation(t.orientation);
    size = size.with_orientation(orientation);
    if (!options.logo.empty()) {
        std::error_code ec;
        if (!fs::is_regular_file(options.logo, ec))
            throw Error("找不到标志图片 {file}", {{"file", options.logo.string()}}, {options.logo.string(), {}, "logo"});
    }

    Filler filler{view, board_values(view), {}};
    for (const auto& [k, v] : options.values) filler.values[k] = v;

    // Margins grow with the board: 12 mm on A4, about 30 mm on A1 (balanced, room for framing).
    double shorter_mm = pdf::pt_to_mm(std::min(size.width, size.height));
    pdf::WriterOptions wo;
    wo.page = size;
    wo.margin_mm = std::max(12.0, shorter_mm * 0.055);
    wo.fonts = options.fonts;
    wo.fit = pdf::FitMode::one_page;
    // A board with few items should not shout: the body is capped (12.4 pt on A4 unless the template
    // says otherwise), scaled with the paper; leftover height goes to the rows and above the seal.
    wo.fit_max_size = t.max_body * std::min(size.width, size.height) / 595.0;
    wo.title = filler.fill(t.title);
    wo.author = view.organisation;
    wo.subject = t.description;

    auto build = [&](pdf::WriterOptions o) {
        auto w = std::make_unique<pdf::Writer>(o);
        add_blocks(*w, t, filler, options);
        return w;
    };
    auto writer = build(wo);
    pdf::LayoutSummary summary;
    try {
        summary = writer->layout();
    } catch (const Error&) {
        // Too much content for one page even at the smallest readable size: let it flow over
        // pages at that size (the table's header row repeats on each page).
        wo.fit = pdf::FitMode::none;
        wo.body_size = std::max(wo.fit_min_size, 8.0);
        writer = build(wo);
        summary = writer->layout();
    }

    BoardResult result;
    result.size = size;
    result.pages = summary.pages;
    result.body_size = summary.body_size;
    if (options.tile) {
        pdf::TileOptions to;
        to.sheet = *options.tile;
        to.orientation = options.tile_orientation;
        to.overlap_mm = options.tile_overlap_mm;
        auto grid = writer->save_tiled(out, to);
        result.sheets = grid.sheets() * summary.pages - grid.skipped;
        result.skipped_sheets = grid.skipped;
        result.tile_columns = grid.columns;
        result.tile_rows = grid.rows;
    } else {
        writer->save(out);
    }
    std::error_code ec;
    result.bytes = fs::file_size(out, ec);
    result.unfilled.assign(filler.unfilled.begin(), filler.unfilled.end());
    return result;
}

} // namespace onebook::core
