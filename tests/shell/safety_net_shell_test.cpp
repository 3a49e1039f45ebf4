// The safety net in the shell: 编辑 › 撤销/重做 reverse a deletion, the recycle bin dialog restores
// an item, the backup dialog lists the backups with their sizes, the history window lists changes
// in words, and a dialog whose fields changed asks before 取消 discards them.
#include "gui_suite.hpp"

#include "dialogs.hpp"
#include "roster_view.hpp"
#include "safety_net.hpp"
#include "ui_util.hpp"
#include "work_views.hpp"

#include "onebook/backup.hpp"
#include "onebook/journal.hpp"
#include "onebook/records.hpp"
#include "onebook/rectification.hpp"
#include "onebook/roster.hpp"

#include <wx/button.h>
#include <wx/config.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

using onebook::shell::str;

namespace {
std::int64_t records(shell::MainFrame* f) { return f->archive().db().scalar_int("SELECT count(*) FROM record"); }
} // namespace

BOOST_AUTO_TEST_CASE(undo_redo_and_the_recycle_bin_from_the_edit_menu) {
    auto* frame = open_frame(demo_copy());
    std::int64_t n = records(frame);
    std::int64_t last = frame->archive().db().scalar_int("SELECT max(id) FROM record");
    core::RecordStore(frame->archive().db(), frame->home().id).remove(last);
    BOOST_TEST(records(frame) == n - 1);
    BOOST_TEST(shell::undo_last(*frame));
    BOOST_TEST(records(frame) == n);
    BOOST_TEST(shell::redo_last(*frame));
    BOOST_TEST(records(frame) == n - 1);

    // The bin holds the record (and the demo's duplicate entry); restore the record.
    auto ran = when_dialog("trash_dialog", [](wxDialog* d) {
        auto* list = find_as<wxListCtrl>(d, "trash_list");
        BOOST_TEST_REQUIRE(list != nullptr);
        BOOST_TEST(list->GetItemCount() >= 2);
        BOOST_TEST(str(list->GetItemText(0, 2)) == "会议记录");
        screenshot("trash_dialog", d);
        click(find(d, "trash_restore"));
        d->EndModal(wxID_CLOSE);
    });
    shell::show_trash(frame, *frame);
    BOOST_TEST(*ran);
    BOOST_TEST(records(frame) == n);
    take_messages();
    close_frame(frame);
}

BOOST_AUTO_TEST_CASE(history_and_backups_windows) {
    auto* frame = open_frame(demo_copy());
    auto ran = when_dialog("history_dialog", [](wxDialog* d) {
        auto* list = find_as<wxListCtrl>(d, "history_list");
        BOOST_TEST_REQUIRE(list != nullptr);
        BOOST_TEST(list->GetItemCount() > 50);
        std::string details = str(find_as<wxTextCtrl>(d, "history_details")->GetValue());
        BOOST_TEST(!details.empty());
        screenshot("history_dialog", d);
        d->EndModal(wxID_CLOSE);
    });
    shell::show_history(frame, *frame);
    BOOST_TEST(*ran);

    auto listed = when_dialog("backup_dialog", [](wxDialog* d) {
        auto* list = find_as<wxListCtrl>(d, "backup_list");
        BOOST_TEST_REQUIRE(list != nullptr);
        BOOST_TEST(list->GetItemCount() >= 1); // the demo's backup (and the day's automatic one)
        std::string size = str(list->GetItemText(0, 2));
        BOOST_TEST((size.find("KB") != std::string::npos || size.find("MB") != std::string::npos), size);
        int before = list->GetItemCount();
        click(find(d, "backup_now"));
        BOOST_TEST(list->GetItemCount() == before + 1);
        screenshot("backup_dialog", d);
        d->EndModal(wxID_CLOSE);
    });
    shell::show_backups(*frame);
    BOOST_TEST(*listed);
    close_frame(frame);
}

BOOST_AUTO_TEST_CASE(cancel_asks_before_discarding_typed_text) {
    shell::install_discard_guard();
    take_messages();
    wxDialog dlg(nullptr, wxID_ANY, "记录");
    auto* text = new wxTextCtrl(&dlg, wxID_ANY, "");
    text->SetName("field");
    auto* s = new wxBoxSizer(wxVERTICAL);
    s->Add(text);
    s->Add(new wxButton(&dlg, wxID_CANCEL, "取消"));
    dlg.SetSizer(s);
    auto ran = when_dialog("dialog", [text](wxDialog* d) {
        pump(200);
        type(text, wxString::FromUTF8("会议纪要写了一半"));
        click(d->FindWindow(wxID_CANCEL));
    });
    dlg.SetName("dialog");
    dlg.ShowModal();
    BOOST_TEST(*ran);
    auto asked = take_messages();
    BOOST_TEST_REQUIRE(asked.size() == 1u);
    BOOST_TEST(asked[0].find("放弃已填写的内容") != std::string::npos);
}

namespace {
/// The dialog's 历史 tab: its list's rows and the details of the newest change.
std::vector<std::string> history_tab(wxDialog* d, std::string& details) {
    auto* tabs = find_as<wxNotebook>(d, "dialog_tabs");
    BOOST_TEST_REQUIRE(tabs != nullptr);
    BOOST_TEST_REQUIRE(tabs->GetPageCount() == 2u);
    BOOST_TEST(tabs->GetPageText(0) == wxGetTranslation(shell::wx("内容"))); // in the language of the session
    BOOST_TEST(tabs->GetPageText(1) == wxGetTranslation(shell::wx("历史")));
    tabs->SetSelection(1);
    pump(50);
    auto* list = find_as<wxListCtrl>(tabs->GetPage(1), "history_list");
    BOOST_TEST_REQUIRE(list != nullptr);
    std::vector<std::string> rows;
    for (long i = 0; i < list->GetItemCount(); ++i)
        rows.push_back(str(list->GetItemText(i, 1)) + " " + str(list->GetItemText(i, 2)));
    details = str(find_as<wxTextCtrl>(tabs->GetPage(1), "history_details")->GetValue());
    return rows;
}
} // namespace

BOOST_AUTO_TEST_CASE(operator_name_from_preferences_and_history_tabs_in_item_dialogs) {
    auto* frame = open_frame(demo_copy());
    // 首选项 › 操作人姓名: the name every change of this computer is recorded under.
    auto set = when_dialog("preferences_dialog", [](wxDialog* d) {
        type(find(d, "pref_operator_name"), shell::wx("赵书记"));
        press_ok(d);
    });
    frame->show_preferences();
    BOOST_TEST(*set);
    BOOST_TEST(str(wxConfigBase::Get()->Read("/Journal/Name", "")) == "赵书记");

    core::Archive& a = frame->archive();
    core::Roster roster(a.db(), frame->home().id);
    core::Id member_id = a.db().scalar_int("SELECT min(id) FROM member");
    auto m = *roster.member(member_id, true);
    std::string old_workplace = m.workplace_post;
    m.workplace_post = "幸福街道社区居委会";
    roster.update_member(m);

    // The member dialog: its form on 内容, the change (who, field, before → after) on 历史, and
    // its buttons still save what is typed on the form.
    auto shown = when_dialog("member_dialog", [&](wxDialog* d) {
        std::string details;
        auto rows = history_tab(d, details);
        BOOST_TEST_REQUIRE(!rows.empty());
        BOOST_TEST(rows.front().rfind("赵书记 ", 0) == 0u, rows.front());
        BOOST_TEST(details.find("→ 幸福街道社区居委会") != std::string::npos, details);
        if (!old_workplace.empty()) BOOST_TEST(details.find(old_workplace) != std::string::npos, details);
        screenshot("member_history_tab", d);
        auto* tabs = find_as<wxNotebook>(d, "dialog_tabs");
        tabs->SetSelection(0);
        type(find(d, "member_name"), shell::wx(m.name + "某"));
        press_ok(d);
        pump(50);
        if (d->IsModal()) { // refused: fail instead of waiting for ever
            BOOST_ERROR("the member dialog did not save: " << (take_messages().empty() ? "" : "a message"));
            d->EndModal(wxID_CANCEL);
        }
    });
    {
        shell::MemberDialog dlg(frame, roster, {"直管", "协管", "代管"}, &m);
        shell::add_history_tab(&dlg, a, "member", member_id);
        BOOST_TEST(dlg.ShowModal() == wxID_OK);
        BOOST_TEST(dlg.member().name == m.name + "某");
    }
    BOOST_TEST(*shown);

    // A rectification item: its edits are on its own tab, not another item's.
    core::Rectification rect(a.db(), frame->home().id);
    auto items = rect.list(core::Date::today());
    BOOST_TEST_REQUIRE(items.size() >= 2u);
    auto item = items.front();
    for (const auto& it : items)
        if (it.status != core::RectStatus::Closed) item = it;
    BOOST_TEST_REQUIRE((item.status != core::RectStatus::Closed));
    item.measures = "每周一次入户走访";
    rect.edit(item);
    shown = when_dialog("rect_dialog", [&](wxDialog* d) {
        std::string details;
        auto rows = history_tab(d, details);
        BOOST_TEST_REQUIRE(!rows.empty());
        BOOST_TEST(rows.front().rfind("赵书记 ", 0) == 0u, rows.front());
        BOOST_TEST(details.find("每周一次入户走访") != std::string::npos, details);
        d->EndModal(wxID_CANCEL);
    });
    {
        shell::RectItemDialog dlg(frame, a, item, false);
        shell::add_history_tab(&dlg, a, "rectification", item.id);
        dlg.ShowModal();
    }
    BOOST_TEST(*shown);

    // A new item has no history yet: no tabs.
    {
        shell::RectItemDialog dlg(frame, a, core::RectificationItem{}, true);
        shell::add_history_tab(&dlg, a, "rectification", 0);
        BOOST_TEST(find(&dlg, "dialog_tabs") == nullptr);
    }
    wxConfigBase::Get()->DeleteEntry("/Journal/Name");
    take_messages();
    close_frame(frame);
}
