// 发展党员 in the shell, driven through its widgets on the demo archive: who is at which stage and
// what is late (the same evaluation as `member pipeline`), a refused stage move that changes
// nothing, an accepted one, a milestone, and a step's document filed with its 档号 — each checked
// in the archive afterwards with the core's own APIs.
#include "shell_test_support.hpp"

#include "onebook/archive/member_documents.hpp"
#include "onebook/recruitment.hpp"

#include <boost/test/unit_test.hpp>

#include <wx/listctrl.h>
#include <wx/stattext.h>

namespace fs = std::filesystem;
using namespace onebook;
using namespace onebook::test;
using namespace onebook::test::gui;

BOOST_TEST_GLOBAL_FIXTURE(GuiFixture);

namespace {

wxString u(const char* s) { return wxString::FromUTF8(s); }

long row_of(wxListCtrl* list, const wxString& name, int column = 0) {
    for (long i = 0; i < list->GetItemCount(); ++i)
        if (list->GetItemText(i, column) == name) return i;
    return -1;
}

void select(wxListCtrl* list, long row) {
    list->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    pump(50);
}

/// The stage in the archive the window has open (it holds the archive's lock).
std::string stage_of(shell::MainFrame* f, const std::string& name) {
    auto& a = f->archive();
    core::Recruitment r(a.db(), a.home().id, core::RecruitmentRules{});
    return r.require(name).stage;
}

} // namespace

BOOST_AUTO_TEST_CASE(the_pipeline_shows_stages_and_what_is_late_and_acts_like_the_command_line) {
    auto path = demo_copy();
    auto* f = open_frame(path);
    f->navigate({"pipeline", 0, {}});
    settle(f);
    auto* people = find_as<wxListCtrl>(f, "pipeline_people");
    auto* due = find_as<wxListCtrl>(f, "pipeline_due");
    auto* docs = find_as<wxListCtrl>(f, "pipeline_documents");
    BOOST_REQUIRE(people && due && docs);
    // Everyone of the demo's pipeline, with the stage of each.
    long li = row_of(people, u("李明"));
    BOOST_REQUIRE(li >= 0);
    BOOST_TEST(people->GetItemText(li, 1) == u("预备党员"));
    BOOST_TEST(row_of(people, u("赵强")) >= 0);
    BOOST_TEST(row_of(people, u("刘洋")) >= 0);
    // The late probation, as `member pipeline` words it.
    bool late = false;
    for (long i = 0; i < due->GetItemCount(); ++i)
        late |= due->GetItemText(i, 0) == u("逾期") && due->GetItemText(i, 3).Contains(u("支部尚未讨论转正"));
    BOOST_TEST(late);
    BOOST_TEST(find_as<wxStaticText>(f, "pipeline_summary")->GetLabel().Contains(u("其中逾期")));

    // 王芳 has been an activist for eight months: a move to 发展对象 is refused, naming the rule.
    select(people, row_of(people, u("王芳")));
    take_messages();
    auto refused = when_dialog("pipeline_move_dialog", [&](wxDialog* d) {
        BOOST_CHECK(choose(find(d, "pipeline_to"), u("发展对象")));
        press_ok(d);
        pump(100);
        d->EndModal(wxID_CANCEL);
    });
    click(find(f, "pipeline_move"));
    BOOST_TEST(*refused);
    auto messages = take_messages();
    BOOST_TEST(!messages.empty());
    BOOST_TEST(stage_of(f, "王芳") == "入党积极分子");

    // 陈晨 was talked to: a 谈话 milestone, then she becomes an activist with two contacts.
    select(people, row_of(people, u("陈晨")));
    auto talked = when_dialog("pipeline_milestone_dialog", [&](wxDialog* d) {
        BOOST_CHECK(choose(find(d, "pipeline_kind"), u("谈话")));
        type(find(d, "pipeline_date"), wxString::FromUTF8(core::Date::today().iso()));
        press_ok(d);
    });
    click(find(f, "pipeline_milestone"));
    BOOST_TEST(*talked);
    select(people, row_of(people, u("陈晨")));
    auto moved = when_dialog("pipeline_move_dialog", [&](wxDialog* d) {
        BOOST_CHECK(choose(find(d, "pipeline_to"), u("入党积极分子")));
        type(find(d, "pipeline_contacts"), u("王建国、李秀兰"));
        press_ok(d);
    });
    click(find(f, "pipeline_move"));
    BOOST_TEST(*moved);
    BOOST_TEST(stage_of(f, "陈晨") == "入党积极分子");
    BOOST_TEST(people->GetItemText(row_of(people, u("陈晨")), 1) == u("入党积极分子"));

    // 李明's admission documents filed with a 档号, shown under the list and in the book's section.
    fs::path scan = path.parent_path() / "李明入党志愿书.pdf";
    test::write_file(scan, "%PDF-1.4\n% scan\n");
    select(people, row_of(people, u("李明")));
    auto filed = when_dialog("pipeline_file_dialog", [&](wxDialog* d) {
        BOOST_CHECK(choose(find(d, "pipeline_step"), u("预备党员")));
        type(find(d, "pipeline_path"), wxString::FromUTF8(scan.string()));
        type(find(d, "pipeline_title"), u("李明入党志愿书"));
        press_ok(d);
    });
    click(find(f, "pipeline_file"));
    BOOST_TEST(*filed);
    select(people, row_of(people, u("李明")));
    BOOST_REQUIRE(docs->GetItemCount() >= 1);
    long d = row_of(docs, u("李明入党志愿书"), 3);
    BOOST_REQUIRE(d >= 0);
    BOOST_TEST(docs->GetItemText(d, 0).Contains(u("-Y-")));
    BOOST_TEST(docs->GetItemText(d, 1) == u("预备党员"));
    screenshot("pipeline", f);
    close_frame(f);

    auto a = core::Archive::open(path);
    archive::DocumentStore store(a, plugins());
    auto life = archive::MemberLifeDocuments(a, store).of_recruits();
    bool found = false;
    for (const auto& x : life)
        found |= x.person == "李明" && x.step == "预备党员" && x.document.section_id == "basic.activists" &&
                 x.document.title == "李明入党志愿书";
    BOOST_TEST(found);
}
