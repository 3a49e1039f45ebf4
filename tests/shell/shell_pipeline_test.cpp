// A member's life in the shell, driven through its widgets on the demo archive: 发展党员 — who is
// at which stage and what is late (the same evaluation as `member pipeline`), a refused stage move
// that changes nothing, an accepted one, a milestone, a step's document filed with its 档号 — and
// the roster's history: a refused and an accepted status change, a letter filed with a transfer.
// Each is checked in the archive afterwards with the core's own APIs.
#include "gui_suite.hpp"

#include "onebook/archive/member_documents.hpp"
#include "onebook/recruitment.hpp"
#include "onebook/roster.hpp"

#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>

namespace {

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

BOOST_AUTO_TEST_CASE(the_books_activist_section_is_the_pipeline_before_admission_with_the_same_actions) {
    auto path = demo_copy();
    auto* f = open_frame(path);
    f->navigate({"section:basic.activists", 0, {}});
    settle(f);
    auto* view = find(f, "activists_view");
    BOOST_REQUIRE(view);
    auto* people = find_as<wxListCtrl>(view, "pipeline_people");
    auto* due = find_as<wxListCtrl>(view, "pipeline_due");
    BOOST_REQUIRE(people && due);
    // The people not yet admitted, each at their stage; 李明 (预备党员) is on the roster, not here.
    BOOST_TEST(people->GetItemText(row_of(people, u("郑晓雨")), 1) == u("发展对象"));
    BOOST_TEST(people->GetItemText(row_of(people, u("冯立新")), 1) == u("入党积极分子"));
    BOOST_TEST(people->GetItemText(row_of(people, u("刘洋")), 1) == u("入党申请人"));
    BOOST_TEST(row_of(people, u("李明")) < 0);
    core::Recruitment pipeline(f->archive().db(), f->archive().home().id, core::RecruitmentRules{});
    BOOST_TEST(people->GetItemCount() == static_cast<long>(pipeline.before_admission().size()));
    // What is due for them, and only for them: 刘洋's late talk, not 李明's probation.
    bool talk = false, probation = false;
    for (long i = 0; i < due->GetItemCount(); ++i) {
        talk |= due->GetItemText(i, 1) == u("刘洋") && due->GetItemText(i, 0) == u("逾期");
        probation |= due->GetItemText(i, 1) == u("李明");
    }
    BOOST_TEST(talk);
    BOOST_TEST(!probation);
    BOOST_TEST(find_as<wxStaticText>(view, "pipeline_summary")->GetLabel().Contains(u("发展对象共")));

    // Editing corrects the details and the contacts; the stage stays.
    select(people, row_of(people, u("冯立新")));
    auto edited = when_dialog("pipeline_edit_dialog", [&](wxDialog* d) {
        type(find(d, "pipeline_contacts"), u("李秀兰、王建国"));
        type(find(d, "pipeline_notes"), u("社区志愿服务队骨干"));
        press_ok(d);
    });
    click(find(view, "pipeline_edit"));
    BOOST_TEST(*edited);
    auto fl = pipeline.require("冯立新");
    BOOST_TEST(fl.contacts_text() == "李秀兰、王建国");
    BOOST_TEST(fl.notes == "社区志愿服务队骨干");
    BOOST_TEST(fl.stage == "入党积极分子");
    BOOST_TEST(people->GetItemText(row_of(people, u("冯立新")), 4) == u("李秀兰、王建国"));

    // An applicant entered by mistake is removed (after a question), with the steps recorded.
    std::size_t before = pipeline.before_admission().size();
    select(people, row_of(people, u("蒋文博")));
    take_messages();
    click(find(view, "pipeline_delete"));
    BOOST_TEST(!take_messages().empty());
    BOOST_TEST(pipeline.before_admission().size() == before - 1);
    BOOST_TEST(row_of(people, u("蒋文博")) < 0);

    // A move from this section is the pipeline's: 郑晓雨 cannot be admitted before training.
    select(people, row_of(people, u("郑晓雨")));
    take_messages();
    auto refused = when_dialog("pipeline_move_dialog", [&](wxDialog* d) {
        BOOST_CHECK(choose(find(d, "pipeline_to"), u("预备党员")));
        press_ok(d);
        pump(100);
        d->EndModal(wxID_CANCEL);
    });
    click(find(view, "pipeline_move"));
    BOOST_TEST(*refused);
    BOOST_TEST(!take_messages().empty());
    BOOST_TEST(stage_of(f, "郑晓雨") == "发展对象");
    screenshot("activists-section", f);
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(transfers_and_status_changes_with_their_letters_filed) {
    auto path = demo_copy();
    auto* f = open_frame(path);
    f->navigate({"movements", 0, {}});
    settle(f);
    auto* list = find_as<wxListCtrl>(f, "movements_list");
    BOOST_REQUIRE(list);
    // The demo's transfer out (its 介绍信 filed with a 档号) and transfer in.
    long out = row_of(list, u("马俊"), 1);
    BOOST_REQUIRE(out >= 0);
    BOOST_TEST(list->GetItemText(out, 2) == u("转出"));
    BOOST_TEST(list->GetItemText(out, 7).Contains(u("-Y-")));
    BOOST_TEST(row_of(list, u("郑毅"), 1) >= 0);
    long rows = list->GetItemCount();
    std::size_t before = core::Roster(f->archive().db(), f->archive().home().id).members().size();

    // A death recorded without a reason is refused; with one, the member leaves today's roster.
    wxString who;
    auto refused = when_dialog("movement_depart_dialog", [&](wxDialog* d) {
        BOOST_CHECK(choose(find(d, "movement_kind"), u("死亡")));
        press_ok(d);
        pump(100);
        d->EndModal(wxID_CANCEL);
    });
    take_messages();
    click(find(f, "movements_depart"));
    BOOST_TEST(*refused);
    BOOST_TEST(!take_messages().empty());
    BOOST_TEST(list->GetItemCount() == rows);
    auto died = when_dialog("movement_depart_dialog", [&](wxDialog* d) {
        who = find_as<wxChoice>(d, "movement_member")->GetStringSelection();
        BOOST_CHECK(choose(find(d, "movement_kind"), u("死亡")));
        type(find(d, "movement_reason"), u("病故"));
        press_ok(d);
    });
    click(find(f, "movements_depart"));
    BOOST_TEST(*died);
    BOOST_TEST(list->GetItemCount() == rows + 1);
    BOOST_TEST(core::Roster(f->archive().db(), f->archive().home().id).members().size() == before - 1);

    // 郑毅's 介绍信 from the village branch, filed with his transfer in.
    fs::path scan = path.parent_path() / "郑毅介绍信.pdf";
    test::write_file(scan, "%PDF-1.4\n% scan\n");
    long in = row_of(list, u("郑毅"), 1);
    select(list, in);
    auto filed = when_dialog("movement_file_dialog", [&](wxDialog* d) {
        type(find(d, "movement_path"), wxString::FromUTF8(scan.string()));
        type(find(d, "movement_title"), u("郑毅党员组织关系介绍信"));
        press_ok(d);
    });
    click(find(f, "movements_file"));
    BOOST_TEST(*filed);
    in = row_of(list, u("郑毅"), 1);
    BOOST_TEST(list->GetItemText(in, 7).Contains(u("-Y-")));
    BOOST_TEST(find_as<wxStaticText>(f, "movements_count")->GetLabel().Contains(u("名")));
    screenshot("movements", f);
    close_frame(f);
}
