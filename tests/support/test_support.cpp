#include "test_support.hpp"

#include "onebook/db.hpp"
#include "onebook/model.hpp"
#include "onebook/rectification.hpp"

#include <cstdlib>
#include <fstream>
#include <random>
#include <sqlite3.h>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace onebook::test {

ScratchDir::ScratchDir(const std::string& tag) {
    std::random_device rd;
    m_path = fs::temp_directory_path() / (tag + "-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(m_path);
}

ScratchDir::~ScratchDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

core::Archive make_archive(const fs::path& path, const std::string& sector, const std::string& name) {
    core::Organisation org;
    org.name = name;
    org.sector = sector;
    org.superior_name = "测试街道党工委";
    org.founded_on = core::Date(2010, 7, 1);
    return core::Archive::create(path.string(), org);
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const fs::path& p, const std::string& bytes) {
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << bytes;
}

fs::path bin(const std::string& name) { return fs::path(ONEBOOK_BINARY_DIR) / "bin" / name; }

fs::path fixtures() {
    if (const char* f = std::getenv("ONEBOOK_FIXTURES")) return f;
    return fs::path(ONEBOOK_SOURCE_DIR) / "tests" / "fixtures";
}

fs::path source_dir() { return ONEBOOK_SOURCE_DIR; }

const core::PluginHost& sector_plugins() {
    static core::PluginHost host;
    static const bool loaded = (host.load_all(), true);
    (void)loaded;
    return host;
}

int run(const std::string& command, std::string* out, std::string* err) { return run_tool({"/bin/sh", "-c", command}, out, err); }

void exec_sql(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open(file.string().c_str(), &db) != SQLITE_OK) {
        std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + file.string() + ": " + msg);
    }
    // These tests change an archive behind OneBook's back (damage, an earlier release's data), which
    // the journal's guard refuses to a program without its function: this connection has one.
    sqlite3_create_function_v2(
        db, core::journal_guard_function, 0, SQLITE_UTF8, nullptr,
        [](sqlite3_context* c, int, sqlite3_value**) { sqlite3_result_null(c); }, nullptr, nullptr, nullptr);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string msg = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error(sql + ": " + msg);
}

std::vector<std::string> rectification_lines(core::Archive& archive, core::Id organisation, core::Id item) {
    std::vector<std::string> out;
    for (const auto& h : core::Rectification(archive.db(), organisation).history(item))
        out.push_back(h.on.iso() + " " + (h.from ? core::to_string(*h.from) : "-") + " → " + core::to_string(h.to) + " " +
                      h.note);
    return out;
}

} // namespace onebook::test
