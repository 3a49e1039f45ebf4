// The shell's views in a real window: the demo archive opens on the one book; every main view is
// shown (and photographed) in Chinese and English; bad archives give the core's message; search
// results open their item; File → New creates an archive the core can read back.
#include "gui_suite.hpp"

#include "dialogs.hpp"
#include "shell_i18n.hpp"
#include "ui_util.hpp"

#include "onebook/archive.hpp"
#include "onebook/archive/sections.hpp"
#include "onebook/organisation_store.hpp"

#include <wx/choice.h>
#include <wx/config.h>
#include <wx/htmllbox.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/treectrl.h>

#include <fstream>

namespace {

std::vector<std::string> top_level_labels(wxTreeCtrl* tree) {
    std::vector<std::string> out;
    wxTreeItemIdValue c;
    for (auto i = tree->GetFirstChild(tree->GetRootItem(), c); i.IsOk(); i = tree->GetNextChild(tree->GetRootItem(), c))
        out.push_back(shell::str(tree->GetItemText(i)));
    return out;
}

/// Every main view and dialog, photographed with a `tag` (zh / en).
void photograph_views(shell::MainFrame* f, const std::string& tag) {
    f->navigate({"section:basic.organisation", 0, {}});
    BOOST_CHECK(find(f, "overview_view"));
    screenshot(tag + "-01-overview", f);
    f->navigate({"section:basic.members", 0, {}});
    auto* roster = find_as<wxListCtrl>(f, "roster_list");
    BOOST_REQUIRE(roster);
    BOOST_CHECK_GE(roster->GetItemCount(), 20);
    screenshot(tag + "-02-roster", f);
    f->navigate({"section:basic.committee", 0, {}});
    screenshot(tag + "-03-committee", f);
    f->navigate({"section:activities.three_meetings", 0, {}});
    auto* records = find_as<wxListCtrl>(f, "records_list");
    BOOST_REQUIRE(records);
    BOOST_CHECK_GT(records->GetItemCount(), 0);
    screenshot(tag + "-04-records", f);
    auto shown = when_dialog("record_dialog", [&](wxDialog* d) {
        screenshot(tag + "-05-record-editor", f);
        d->EndModal(wxID_CANCEL);
    });
    click(find(f, "records_add"));
    BOOST_CHECK(*shown);
    f->navigate({"plan", 0, {}});
    screenshot(tag + "-06-plan", f);
    f->navigate({"rules", 0, {}});
    BOOST_CHECK(find(f, "rules_grid"));
    screenshot(tag + "-07-rules", f);
    f->navigate({"section:work.assessment", 0, {}});
    screenshot(tag + "-08-assessment", f);
    f->navigate({"section:work.rectification", 0, {}});
    screenshot(tag + "-09-rectification", f);
    f->navigate({"section:rules.texts", 0, {}});
    screenshot(tag + "-10-ruletexts", f);
    f->navigate({"section:work.catalogue", 0, {}});
    screenshot(tag + "-11-catalogue", f);
    f->search("党费");
    screenshot(tag + "-12-search", f);
    shown = when_dialog("plugins_dialog", [&](wxDialog* d) {
        screenshot(tag + "-13-plugins", f);
        d->EndModal(wxID_OK);
    });
    f->show_plugins();
    BOOST_CHECK(*shown);
    shown = when_dialog("board_dialog", [&](wxDialog* d) {
        pump(1500); // the first preview renders once the dialog is up
        screenshot(tag + "-14-board", f);
        d->EndModal(wxID_CANCEL);
    });
    f->make_board();
    BOOST_CHECK(*shown);
    f->navigate({"section:basic.members", 0, {}});
    shown = when_dialog("member_dialog", [&](wxDialog* d) {
        screenshot(tag + "-15-member-dialog", f);
        d->EndModal(wxID_CANCEL);
    });
    click(find(f, "roster_add"));
    BOOST_CHECK(*shown);
}

} // namespace

BOOST_AUTO_TEST_CASE(welcome_then_demo_book_in_both_languages) {
    auto* f = new shell::MainFrame(plugins());
    f->SetSize(0, 0, 1366, 768);
    f->Show();
    BOOST_CHECK(find(f, "welcome_view"));
    screenshot("zh-00-welcome", f);

    auto path = demo_copy();
    BOOST_REQUIRE(f->open_archive(path.string()));
    settle(f);
    // The tree is the one book: five chapters in book order.
    std::vector<std::string> expected;
    for (const auto& c : archive::chapters()) expected.push_back(c.title);
    BOOST_TEST(top_level_labels(f->tree()) == expected, boost::test_tools::per_element());
    // It opens on 基本情况 → 组织概况.
    BOOST_CHECK_EQUAL(f->target().view, "section:basic.organisation");
    BOOST_CHECK_EQUAL(shell::str(f->GetMenuBar()->GetMenuLabelText(0)), "文件");

    photograph_views(f, "zh");

    f->apply_language("en");
    settle(f);
    BOOST_CHECK_EQUAL(shell::str(f->GetMenuBar()->GetMenuLabelText(0)), "File");
    BOOST_CHECK_EQUAL(top_level_labels(f->tree()).front(), "Basic information");
    photograph_views(f, "en");
    f->apply_language("zh");
    close_frame(f);
    take_messages();

    // The archive is still the demo (viewing changed nothing the core can see).
    auto a = core::Archive::open(path.string());
    BOOST_CHECK_EQUAL(a.home().name, "幸福里社区党支部");
}

BOOST_AUTO_TEST_CASE(archives_that_cannot_be_opened_show_the_core_message) {
    ScratchDir dir("onebook-bad");
    auto junk = dir / "坏档案.onebook";
    write_file(junk, "this is not a database, just text that pretends");
    auto* f = new shell::MainFrame(plugins());
    f->SetSize(0, 0, 1366, 768);
    f->Show();
    pump(100);
    take_messages();
    BOOST_CHECK(!f->open_archive(junk.string()));
    auto m = take_messages();
    BOOST_REQUIRE_EQUAL(m.size(), 1u);
    BOOST_CHECK_MESSAGE(m[0].find(junk.string()) != std::string::npos, "message names the file: " << m[0]);
    BOOST_CHECK(!f->has_archive());

    BOOST_CHECK(!f->open_archive((dir / "不存在.onebook").string()));
    m = take_messages();
    BOOST_REQUIRE_EQUAL(m.size(), 1u);
    BOOST_CHECK(m[0].find("不存在") != std::string::npos);

    // A second window on an archive this process already holds is refused (the file's lock).
    auto path = demo_copy();
    BOOST_REQUIRE(f->open_archive(path.string()));
    auto* g = new shell::MainFrame(plugins());
    BOOST_CHECK(!g->open_archive(path.string()));
    BOOST_CHECK_EQUAL(take_messages().size(), 1u);
    g->Destroy();
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(search_results_open_their_section) {
    auto path = demo_copy();
    auto* f = open_frame(path);
    f->search("党费");
    auto* list = find_as<wxSimpleHtmlListBox>(f, "search_results");
    BOOST_REQUIRE(list);
    BOOST_REQUIRE_GT(list->GetCount(), 0u);
    // The highlighted match is in the first hit.
    BOOST_CHECK(list->GetString(0).Find("#B71C1C") != wxNOT_FOUND);
    list->SetSelection(0);
    click(find(f, "search_open"));
    pump(100);
    BOOST_CHECK_MESSAGE(f->target().view.rfind("section:", 0) == 0, "opened " << f->target().view);

    // A one-character query works too (the core's tokenizer).
    f->search("党");
    list = find_as<wxSimpleHtmlListBox>(f, "search_results");
    BOOST_REQUIRE(list);
    BOOST_CHECK_GT(list->GetCount(), 0u);
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(file_new_creates_an_archive_of_the_chosen_sector) {
    ScratchDir dir("onebook-new");
    auto file = dir / "新村党支部.onebook";
    auto* f = new shell::MainFrame(plugins());
    f->SetSize(0, 0, 1366, 768);
    f->Show();
    pump(100);
    auto done = when_dialog("new_archive_dialog", [&](wxDialog* d) {
        auto* sector = find_as<wxChoice>(d, "org_sector");
        BOOST_REQUIRE(sector);
        BOOST_CHECK_EQUAL(sector->GetCount(), plugins().loaded().size());
        for (unsigned i = 0; i < sector->GetCount(); ++i)
            if (sector->GetString(i).Find(wxString::FromUTF8("村")) != wxNOT_FOUND) choose(sector, sector->GetString(i));
        type(find(d, "org_name"), wxString::FromUTF8("新村党支部"));
        type(find(d, "org_superior"), wxString::FromUTF8("新镇党委"));
        type(find(d, "org_founded"), "2012-06-30");
        type(find(d, "org_file"), shell::wx(file.string()));
        screenshot("zh-16-new-archive", f);
        press_ok(d);
    });
    f->new_archive();
    BOOST_CHECK(*done);
    BOOST_CHECK(f->has_archive());
    close_frame(f);
    auto a = core::Archive::open(file.string());
    auto org = a.home();
    BOOST_CHECK_EQUAL(org.name, "新村党支部");
    BOOST_CHECK_EQUAL(org.superior_name, "新镇党委");
    BOOST_REQUIRE(org.founded_on);
    BOOST_CHECK_EQUAL(org.founded_on->iso(), "2012-06-30");
    if (plugins().find("village")) BOOST_CHECK_EQUAL(org.sector, "village");
    // The new archive is remembered as the last one used.
    BOOST_CHECK_EQUAL(shell::str(wxConfigBase::Get()->Read("/LastArchive", "")), fs::absolute(file).lexically_normal().string());
}

BOOST_AUTO_TEST_CASE(preferences_switch_language_and_remember_it) {
    auto* f = new shell::MainFrame(plugins());
    f->SetSize(0, 0, 1366, 768);
    f->Show();
    pump(100);
    auto done = when_dialog("preferences_dialog", [&](wxDialog* d) {
        BOOST_CHECK(choose(find(d, "pref_language"), "English"));
        press_ok(d);
    });
    f->show_preferences();
    BOOST_CHECK(*done);
    BOOST_CHECK_EQUAL(shell::str(wxConfigBase::Get()->Read("/Language", "")), "en");
    BOOST_CHECK_EQUAL(shell::str(f->GetMenuBar()->GetMenuLabelText(0)), "File");
    done = when_dialog("preferences_dialog", [&](wxDialog* d) {
        BOOST_CHECK(choose(find(d, "pref_language"), shell::wx("中文（简体）")));
        press_ok(d);
    });
    f->show_preferences();
    BOOST_CHECK_EQUAL(shell::str(f->GetMenuBar()->GetMenuLabelText(0)), "文件");
    f->Destroy();
    pump(50);
}
