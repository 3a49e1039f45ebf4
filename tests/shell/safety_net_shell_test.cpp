// The safety net in the shell: 编辑 › 撤销/重做 reverse a deletion, the recycle bin dialog restores
// an item, the backup dialog lists the backups with their sizes, the history window lists changes
// in words, and a dialog whose fields changed asks before 取消 discards them.
#include "shell_test_support.hpp"

#include "safety_net.hpp"
#include "ui_util.hpp"

#include "onebook/backup.hpp"
#include "onebook/journal.hpp"
#include "onebook/records.hpp"

#include <boost/test/unit_test.hpp>

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

using namespace onebook;
using namespace onebook::test::gui;
using onebook::shell::str;

BOOST_TEST_GLOBAL_FIXTURE(GuiFixture);

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
