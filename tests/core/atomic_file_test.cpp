#include "onebook/atomic_file.hpp"
#include "onebook/error.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <csignal>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/stat.h>

namespace fs = std::filesystem;
using namespace onebook;
using test::read_file;
using test::write_file;

namespace {

/// Names in `dir`, to prove no temporary file is left behind.
std::size_t entries(const fs::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    return n;
}

} // namespace

BOOST_AUTO_TEST_CASE(replaces_the_file_in_one_step) {
    test::ScratchDir dir;
    auto target = dir / "board.pdf";
    write_file(target, "old");
    {
        core::AtomicFile f(target);
        f.write("new ");
        BOOST_TEST(f.temp_path().parent_path() == target.parent_path()); // same folder: rename is atomic
        BOOST_TEST(read_file(target) == "old");                          // untouched until commit
        f.write("bytes");
        f.commit();
    }
    BOOST_TEST(read_file(target) == "new bytes");
    BOOST_TEST(entries(dir.path()) == 1u);
    core::write_file_atomically(dir / "empty.txt", "");
    BOOST_TEST(fs::file_size(dir / "empty.txt") == 0u);
}

BOOST_AUTO_TEST_CASE(an_exception_before_commit_keeps_the_old_file) {
    test::ScratchDir dir;
    auto target = dir / "table.csv";
    write_file(target, "old");
    try {
        core::AtomicFile f(target);
        f.write("half of a new file");
        throw std::runtime_error("interrupted");
    } catch (const std::runtime_error&) {}
    BOOST_TEST(read_file(target) == "old");
    BOOST_TEST(entries(dir.path()) == 1u);
}

BOOST_AUTO_TEST_CASE(a_full_disk_keeps_the_old_file_and_says_which) {
    test::ScratchDir dir;
    auto target = dir / "book.pdf";
    write_file(target, "old");
    // A file-size limit makes write() fail with EFBIG, as a full disk fails it with ENOSPC.
    rlimit saved{};
    getrlimit(RLIMIT_FSIZE, &saved);
    auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = saved;
    small.rlim_cur = 1024;
    setrlimit(RLIMIT_FSIZE, &small);
    bool threw = false;
    try {
        core::write_file_atomically(target, std::string(4096, 'x'));
    } catch (const core::Error& e) {
        threw = true;
        BOOST_TEST(e.param("file") == target.string());
        BOOST_TEST(!e.param("reason").empty());
    }
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, old_handler);
    BOOST_TEST(threw);
    BOOST_TEST(read_file(target) == "old");
    BOOST_TEST(entries(dir.path()) == 1u);
}

BOOST_AUTO_TEST_CASE(a_failed_rename_keeps_what_was_there) {
    test::ScratchDir dir;
    auto target = dir / "occupied";
    fs::create_directories(target / "inside"); // a folder cannot be replaced by a file
    core::AtomicFile f(target);
    f.write("bytes");
    BOOST_CHECK_THROW(f.commit(), core::Error);
    BOOST_TEST(fs::is_directory(target / "inside"));
    BOOST_TEST(entries(dir.path()) == 1u);
}

BOOST_AUTO_TEST_CASE(private_files_and_names_known_late) {
    test::ScratchDir dir;
    core::write_file_atomically(dir / "key", "secret", 0600);
    struct stat st {};
    ::stat((dir / "key").c_str(), &st);
    BOOST_TEST((st.st_mode & 0777) == 0600u);
    // A content-addressed store learns the name after the bytes.
    fs::create_directories(dir / "tmp");
    auto f = core::AtomicFile::at_temp(dir / "tmp" / "1.part");
    f.write("content");
    f.commit_as(dir / "ab12");
    BOOST_TEST(read_file(dir / "ab12") == "content");
    BOOST_TEST(fs::is_empty(dir / "tmp"));
}
