// Fixture data shared by the demo, the tests and the benches: see demo_fixtures.hpp.
#include "onebook/archive/demo_fixtures.hpp"

namespace onebook::archive::fixtures {

const std::vector<BoardRow>& board_rows() {
    static const std::vector<BoardRow> rows = {
        {"“三会一课”落实不到位", "每月第一周召开支委会，每季度召开党员大会", "王建国", "2024年4月30日", "已完成"},
        {"发展党员程序不规范", "对照发展党员工作细则逐项自查，补齐培养考察记录", "李秀英", "2024年5月31日", "推进中"},
        {"组织生活会质量不高", "会前谈心谈话全覆盖，列出问题清单，会后公示整改措施", "张伟", "2024年6月30日", "推进中"},
        {"党费收缴不及时", "建立党费收缴台账，逐一联系流动党员，按月收缴并公布", "刘芳", "2024年3月31日", "逾期未完成"},
        {"党务公开不及时", "每季度首月15日为党务公开日，及时更新公开栏", "陈明", "2024年4月15日", "已完成"},
        {"主题党日形式单一", "结合社区服务开展志愿服务、政策宣讲等活动", "赵磊", "2024年5月15日", "推进中"},
        {"党员教育管理薄弱", "制定年度学习计划，每月通报学习情况", "王建国", "2024年6月30日", "推进中"},
        {"活动阵地设施陈旧", "申请专项经费，更新活动室设备和制度上墙内容", "孙丽", "2024年6月15日", "推进中"},
        {"联系服务群众不够", "党员联系户全覆盖，每月走访一次并记录", "周强", "2024年5月31日", "推进中"},
        {"规章制度不健全", "建立完善学习、议事、公开等制度，报上级党委备案", "吴静", "2024年3月15日", "逾期未完成"},
    };
    return rows;
}

std::vector<core::CommitteeSeat> committee_seats() {
    return {{0, {}, "王建国", "书记"},
            {0, {}, "李秀兰", "副书记"},
            {0, {}, "何平", "组织委员"},
            {0, {}, "吴静", "宣传委员"},
            {0, {}, "刘芳", "纪检委员"}};
}

void add_recruit_event(core::Recruitment& r, core::Id recruit_id, const std::string& kind, const core::Date& on,
                       std::optional<double> days, std::optional<double> hours, const std::string& note) {
    core::RecruitEvent e;
    e.recruit_id = recruit_id;
    e.kind = kind;
    e.on = on;
    e.days = days;
    e.hours = hours;
    e.note = note;
    r.add_event(e);
}

namespace {
std::string storage_class(const std::string& type) {
    const char* names[] = {"integer", "real", "text", "blob", "null"};
    for (int i = 0; i < 5; ++i)
        if (type == names[i]) return std::to_string(i + 1);
    return type;
}
} // namespace

std::string dump_user_tables(core::Database& db, DumpOptions options) {
    std::vector<std::string> tables;
    {
        core::Statement st(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
                               "AND substr(name, 1, 7) <> 'search_' AND name NOT IN ('change_set', 'change_row', 'trash_item') "
                               "ORDER BY name");
        while (st.step()) tables.push_back(st.get_text(0));
    }
    std::string out;
    for (const auto& t : tables) {
        out += "[" + t + "]\n";
        // Every column (or all but the time stamps), each followed by its storage class when asked:
        // typeof() in SQL, numbered as SQLite's SQLITE_INTEGER 1 … SQLITE_NULL 5.
        std::vector<std::string> exprs{"rowid"};
        core::Statement ci(db, "SELECT name FROM pragma_table_info(?)");
        ci.bind(1, t);
        while (ci.step()) {
            std::string c = ci.get_text(0);
            if (!options.time_stamps && c.size() >= 3 && c.compare(c.size() - 3, 3, "_at") == 0) continue;
            exprs.push_back("\"" + c + "\"");
        }
        std::string select;
        for (const auto& e : exprs) select += (select.empty() ? "" : ", ") + e + (options.types ? ", typeof(" + e + ")" : "");
        core::Statement st(db, "SELECT " + select + " FROM \"" + t + "\" ORDER BY rowid");
        const int width = options.types ? 2 : 1;
        while (st.step()) {
            for (int c = 0; c < st.column_count(); c += width) {
                if (st.is_null(c)) out += "NULL";
                else out += st.get_text(c) + (options.types ? ":" + storage_class(st.get_text(c + 1)) : "");
                out += "|";
            }
            out += "\n";
        }
    }
    return out;
}

} // namespace onebook::archive::fixtures
