// What trips a new secretary in the first hour, driven through the real widgets: views that stay
// blank after File → New or a language switch, the open archive "locked" by itself, board buttons
// on the wrong template, a PDF nobody can open, the record editor's first keystrokes, the
// records-start date, the to-do panel, assessment finalising, the 全宗号 prompt, the new-archive
// dialog, keyboard use, sorting, search, translations, small screens and the status bar.
#include "gui_suite.hpp"

#include "board_dialog.hpp"
#include "plugin_i18n.hpp"
#include "records_view.hpp"
#include "shell_i18n.hpp"
#include "todo_panel.hpp"
#include "ui_util.hpp"

#include "onebook/archive.hpp"
#include "onebook/assessment.hpp"
#include "onebook/collation.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/roster.hpp"
#include "onebook/rubric.hpp"
#include "onebook/rules.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/config.h>
#include <wx/dataview.h>
#include <wx/dcclient.h>
#include <wx/dnd.h>
#include <wx/grid.h>
#include <wx/htmllbox.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/stockitem.h>
#include <wx/textctrl.h>
#include <wx/treectrl.h>

#include <gtk/gtk.h>
#include <libintl.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <tuple>

namespace {
/// The view on the right really has room on screen (GTK allocated it), and so has `child`.
void check_laid_out(shell::MainFrame* f, const char* child) {
    pump(300);
    BOOST_REQUIRE(f->view());
    auto host = f->view()->GetParent()->GetClientSize();
    auto got = allocation(f->view());
    BOOST_CHECK_MESSAGE(got.x >= host.x - 2 && got.y >= host.y - 2, f->target().view << ": view allocated " << got.x << "×"
                                                                                     << got.y << " in a host of " << host.x << "×"
                                                                                     << host.y);
    if (child) {
        auto* w = find(f->view(), child);
        BOOST_REQUIRE_MESSAGE(w, child << " not in " << f->target().view);
        auto a = allocation(w);
        BOOST_CHECK_MESSAGE(a.x > 50 && a.y > 20, child << " allocated " << a.x << "×" << a.y);
    }
}

/// A GTK critical (a widget given less room than it needs says so only on stderr) fails the test
/// it happens in. GTK logs structured messages: they reach the writer, never g_log_set_handler's handlers.
GLogWriterOutput gtk_critical_fails(GLogLevelFlags level, const GLogField* fields, gsize n, gpointer data) {
    if (level & G_LOG_LEVEL_CRITICAL) {
        std::string domain, text;
        for (gsize i = 0; i < n; ++i) {
            std::string key = fields[i].key, value;
            if (fields[i].length < 0) value = static_cast<const char*>(fields[i].value);
            else value.assign(static_cast<const char*>(fields[i].value), static_cast<std::size_t>(fields[i].length));
            if (key == "GLIB_DOMAIN") domain = value;
            if (key == "MESSAGE") text = value;
        }
        if (domain == "Gtk" && boost::unit_test::framework::test_in_progress()) BOOST_ERROR("Gtk-CRITICAL: " << text);
    }
    return g_log_writer_default(level, fields, n, data);
}
struct GtkCriticalsFail {
    GtkCriticalsFail() { g_log_set_writer_func(gtk_critical_fails, nullptr, nullptr); }
};
BOOST_TEST_GLOBAL_FIXTURE(GtkCriticalsFail);

/// A main window of 1024×600 with a copy of the demo open.
shell::MainFrame* small_frame() {
    auto* f = open_frame(demo_copy());
    f->SetSize(0, 0, 1024, 600);
    settle(f);
    return f;
}

/// The width of all the grid's columns together.
int columns_width(wxGrid* grid) {
    int right = 0;
    for (int c = 0; c < grid->GetNumberCols(); ++c) right += grid->GetColSize(c);
    return right;
}

shell::MainFrame* new_archive_frame(const fs::path& file) {
    auto* f = empty_frame();
    auto done = when_dialog("new_archive_dialog", [&](wxDialog* d) {
        type(find(d, "org_name"), u("新村党支部"));
        type(find(d, "org_file"), shell::wx(file.string()));
        press_ok(d);
    });
    f->new_archive();
    BOOST_REQUIRE(*done);
    BOOST_REQUIRE(f->has_archive());
    return f;
}
} // namespace

namespace {
/// True when `s` holds a CJK character (Chinese leaking into the English interface).
bool has_cjk(const wxString& s) {
    for (auto c : s)
        if (c.GetValue() >= 0x3000 && c.GetValue() <= 0x9FFF) return true;
    return false;
}
} // namespace

BOOST_AUTO_TEST_CASE(views_after_file_new_and_a_language_switch_are_laid_out) {
    ScratchDir dir("onebook-first");
    auto* f = new_archive_frame(dir / "新村党支部.onebook");
    f->navigate({"section:basic.members", 0, {}});
    check_laid_out(f, "roster_list");
    f->navigate({"section:basic.groups", 0, {}});
    check_laid_out(f, nullptr);
    f->apply_language("en");
    f->navigate({"section:basic.members", 0, {}});
    check_laid_out(f, "roster_list");
    f->navigate({"rules", 0, {}});
    check_laid_out(f, "rules_grid");
    f->apply_language("zh");
    f->navigate({"section:basic.members", 0, {}});
    check_laid_out(f, "roster_list");
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(recent_archives_after_a_language_switch_do_not_lock_the_open_one) {
    ScratchDir dir("onebook-first");
    auto file = dir / "新村党支部.onebook";
    auto* f = new_archive_frame(file);
    f->apply_language("en");
    f->apply_language("zh");
    take_messages();
    // 文件 › 最近的档案 › the first entry is the archive open now.
    wxCommandEvent e(wxEVT_MENU, wxID_FILE1);
    f->GetEventHandler()->ProcessEvent(e);
    pump(200);
    auto messages = take_messages();
    BOOST_CHECK_MESSAGE(messages.empty(), "message shown: " << (messages.empty() ? "" : messages.front()));
    BOOST_CHECK(f->has_archive());
    BOOST_CHECK_EQUAL(fs::path(f->archive().path()).filename(), file.filename());
    // One binding per menu command: the menu bar is the same object after the switches.
    auto* bar = f->GetMenuBar();
    f->apply_language("en");
    BOOST_CHECK(bar == f->GetMenuBar());
    BOOST_CHECK_EQUAL(shell::str(bar->GetMenuLabelText(0)), "File");
    // In English every menu and every command reads English (a label missing from the catalogues
    // stays Chinese); the recent archives are file names and keep theirs.
    int items = 0;
    std::function<void(wxMenu*)> walk = [&](wxMenu* menu) {
        for (auto* item : menu->GetMenuItems()) {
            if (item->IsSeparator() || (item->GetId() >= wxID_FILE1 && item->GetId() <= wxID_FILE9)) continue;
            ++items;
            BOOST_CHECK_MESSAGE(!has_cjk(item->GetItemLabelText()),
                                "untranslated menu item: " << shell::str(item->GetItemLabelText()));
            if (item->GetSubMenu()) walk(item->GetSubMenu());
        }
    };
    for (size_t i = 0; i < bar->GetMenuCount(); ++i) {
        BOOST_CHECK_MESSAGE(!has_cjk(bar->GetMenuLabelText(i)), shell::str(bar->GetMenuLabelText(i)));
        walk(bar->GetMenu(i));
    }
    BOOST_CHECK_GT(items, 20);
    f->apply_language("zh");
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(every_board_button_opens_its_own_template) {
    auto* f = open_frame(demo_copy());
    for (auto [section, button, title] : {std::tuple{"section:work.rectification", "rect_board", "整改"},
                                          std::tuple{"section:work.dues", "dues_board", "党费"}}) {
        f->navigate({section, 0, {}});
        wxString chosen;
        auto done = when_dialog("board_dialog", [&](wxDialog* d) {
            chosen = find_as<wxChoice>(d, "board_template")->GetStringSelection();
            d->EndModal(wxID_CANCEL);
        });
        click(find(f->view(), button));
        BOOST_REQUIRE(*done);
        BOOST_CHECK_MESSAGE(chosen.Find(u(title)) != wxNOT_FOUND, button << " opened " << shell::str(chosen));
    }
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(opening_a_pdf_without_a_viewer_says_so_and_offers_the_folder) {
    // A desktop without a PDF viewer: xdg-open prints its complaint on stderr and exits 3.
    ScratchDir bin("onebook-bin");
    {
        std::ofstream s(bin / "xdg-open");
        s << "#!/bin/sh\necho \"$1\" >> '" << (bin / "calls").string() << "'\n"
          << "echo 'xdg-open: no method available for opening' >&2\nexit 3\n";
    }
    fs::permissions(bin / "xdg-open", fs::perms::owner_all);
    std::string old_path = std::getenv("PATH") ? std::getenv("PATH") : "";
    setenv("PATH", (bin.path().string() + ":" + old_path).c_str(), 1);
    auto* f = open_frame(demo_copy());
    ScratchDir out("onebook-board");
    take_messages();
    auto done = when_dialog("board_dialog", [&](wxDialog* d) {
        auto* save = dynamic_cast<shell::BoardDialog*>(d);
        BOOST_REQUIRE(save);
        BOOST_REQUIRE(save->save(out / "board.pdf"));
        click(find(d, "board_open"));
        for (int i = 0; i < 50 && take_messages_peek() < 2; ++i) pump(100);
        d->EndModal(wxID_CANCEL);
    });
    f->make_board("rectification");
    BOOST_REQUIRE(*done);
    setenv("PATH", old_path.c_str(), 1);
    auto messages = take_messages();
    BOOST_REQUIRE_GE(messages.size(), 2u);
    // First: no program, where the file is, the system's words, the offer; then the folder failed too.
    BOOST_CHECK(messages[0].find("没有可以打开这个文件的程序") != std::string::npos);
    BOOST_CHECK(messages[0].find("board.pdf") != std::string::npos);
    BOOST_CHECK(messages[0].find("no method available") != std::string::npos);
    BOOST_CHECK(messages[1].find("也无法打开文件夹") != std::string::npos);
    std::ifstream calls(bin / "calls");
    std::string first, second;
    std::getline(calls, first);
    std::getline(calls, second);
    BOOST_CHECK_EQUAL(first, (out / "board.pdf").string());
    BOOST_CHECK_EQUAL(second, out.path().string());
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(record_editor_starts_on_its_first_field_and_escape_asks_first) {
    auto* f = open_frame(demo_copy());
    f->navigate({"section:activities.three_meetings", 0, {}});
    std::string first_name, focus_name;
    auto done = when_dialog("record_dialog", [&](wxDialog* d) {
        pump(300);
        auto* first = static_cast<shell::RecordDialog*>(d)->first_field();
        BOOST_REQUIRE(first);
        first_name = shell::str(first->GetName());
        auto* focused = wxWindow::FindFocus();
        // A combo box or text control may hold the focus in an inner widget.
        while (focused && focused != first && focused != d) focused = focused->GetParent();
        focus_name = focused ? shell::str(focused->GetName()) : "nothing";
        take_messages();
        type(first, "2025-03-05");
        // Escape with something typed: asked first (the hook answers yes, so it closes).
        wxKeyEvent esc(wxEVT_CHAR_HOOK);
        esc.m_keyCode = WXK_ESCAPE;
        esc.SetEventObject(first);
        first->GetEventHandler()->ProcessEvent(esc);
    });
    click(find(f->view(), "records_add"));
    BOOST_REQUIRE(*done);
    BOOST_CHECK_EQUAL(first_name, "field_date");
    BOOST_CHECK_EQUAL(focus_name, first_name);
    auto messages = take_messages();
    BOOST_REQUIRE_EQUAL(messages.size(), 1u);
    BOOST_CHECK(messages[0].find("放弃") != std::string::npos);
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(new_archive_asks_the_records_start_and_proposes_a_file) {
    ScratchDir dir("onebook-first");
    auto* f = empty_frame();
    std::string proposed, start;
    auto done = when_dialog("new_archive_dialog", [&](wxDialog* d) {
        type(find(d, "org_name"), u("新村/党支部"));
        proposed = shell::str(find_as<wxTextCtrl>(d, "org_file")->GetValue());
        start = shell::str(find_as<wxTextCtrl>(d, "org_records_start")->GetValue());
        type(find(d, "org_records_start"), "2025-12-01");
        type(find(d, "org_file"), shell::wx((dir / "a.onebook").string()));
        press_ok(d);
    });
    f->new_archive();
    BOOST_REQUIRE(*done);
    // The documents folder and the organisation's name (a "/" cannot be in a file name).
    BOOST_CHECK_EQUAL(fs::path(proposed).filename().string(), "新村_党支部.onebook");
    BOOST_CHECK(fs::path(proposed).is_absolute());
    BOOST_CHECK_EQUAL(start, core::Date::today().iso());
    BOOST_REQUIRE(f->has_archive());
    BOOST_CHECK((f->archive().records_start() == core::Date(2025, 12, 1)));
    // The rules check says what it leaves out.
    f->set_year(2025);
    f->navigate({"rules", 0, {}});
    auto* note = find_as<wxStaticText>(f->view(), "rules_note");
    BOOST_REQUIRE(note);
    BOOST_CHECK(note->IsShown());
    BOOST_CHECK(note->GetLabel().Find(u("2025-12-01")) != wxNOT_FOUND);
    for (const auto& finding : core::check_rules(f->archive(), plugins(), 2025))
        if (!finding.window.empty()) BOOST_CHECK_MESSAGE(!(finding.window_end < core::Date(2025, 12, 1)), finding.ref());
    f->set_year(core::Date::today().year());
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(overview_lists_what_is_due_with_a_button_that_records_it) {
    auto* f = open_frame(demo_copy());
    f->navigate({"section:basic.organisation", 0, {}});
    auto* panel = find(f->view(), "todo_panel");
    BOOST_REQUIRE(panel);
    // Each line gives its period apart, in words, and the buttons share one width.
    std::set<int> widths;
    int periods = 0;
    for (auto* c : panel->GetChildren()) {
        auto name = shell::str(c->GetName());
        if (name.rfind("todo_period_", 0) == 0 && !c->GetLabel().empty()) {
            ++periods;
            // Words, not a code glued to the text: "2026年12月", "2026年第4季度".
            BOOST_CHECK_MESSAGE(c->GetLabel().Contains(u("年")), shell::str(c->GetLabel()));
        } else if (name.rfind("todo_", 0) == 0 && name != "todo_panel") {
            widths.insert(c->GetSize().x);
        }
        // No description ends in a window code ("…党小组会2026-12").
        auto label = shell::str(c->GetLabel());
        BOOST_CHECK_MESSAGE(label.find("（20") == std::string::npos, label);
    }
    BOOST_CHECK_GT(periods, 0);
    BOOST_CHECK_MESSAGE(widths.size() == 1, widths.size() << " different button widths");
    BOOST_CHECK_EQUAL(shell::str(shell::period_text("2026-12")), "2026年12月");
    BOOST_CHECK_EQUAL(shell::str(shell::period_text("2026-Q4")), "2026年第4季度");
    BOOST_CHECK_EQUAL(shell::str(shell::period_text("2026-H2")), "2026年下半年");
    shell::set_language("en");
    BOOST_CHECK_EQUAL(shell::str(shell::period_text("2026-12")), "December 2026");
    BOOST_CHECK_EQUAL(shell::str(shell::period_text("2026-Q4")), "Q4 2026");
    shell::set_language("zh");
    screenshot("todo-panel", f);
    // Every text of the panel is words: no internal rule id.
    int buttons = 0;
    wxWindow* record_button = nullptr;
    for (auto* c : panel->GetChildren()) {
        auto label = shell::str(c->GetLabel());
        BOOST_CHECK_MESSAGE(label.find("community.") == std::string::npos, label);
        if (shell::str(c->GetName()).rfind("todo_", 0) == 0) {
            ++buttons;
            if (!record_button && shell::str(c->GetName()).rfind("todo_record_", 0) == 0) record_button = c;
        }
    }
    BOOST_CHECK_GT(buttons, 0);
    BOOST_REQUIRE_MESSAGE(record_button, "no 记录 button in the to-do panel");
    wxString title, date;
    auto done = when_dialog("record_dialog", [&](wxDialog* d) {
        title = d->GetTitle();
        date = find_as<wxTextCtrl>(d, "field_date")->GetValue();
        d->EndModal(wxID_CANCEL);
    });
    // A narrow window shortens the label to 记录…, the whole label in the tooltip.
    wxString label = record_button->GetToolTipText().empty() ? record_button->GetLabel() : record_button->GetToolTipText();
    click(record_button);
    BOOST_REQUIRE(*done);
    BOOST_CHECK_EQUAL(shell::str(date), core::Date::today().iso());
    // "记录支部委员会会议…" opens 新建记录 — 支部委员会会议.
    BOOST_CHECK_MESSAGE(label.Mid(2).BeforeFirst(wxUniChar(0x2026)) == title.AfterFirst(wxUniChar(0x2014)).Trim(false),
                        shell::str(label) << " opened " << shell::str(title));
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(a_committee_meeting_without_a_committee_says_what_to_do) {
    ScratchDir dir("onebook-first");
    auto* f = new_archive_frame(dir / "a.onebook");
    f->navigate({"section:activities.three_meetings", 0, {}});
    BOOST_REQUIRE(choose(find(f->view(), "records_new_type"), u("支部委员会会议")));
    bool hint = false;
    auto done = when_dialog("record_dialog", [&](wxDialog* d) {
        auto* h = find(d, "record_committee_hint");
        hint = h && h->IsShown();
        click(find(d, "record_register_committee"));
    });
    click(find(f->view(), "records_add"));
    BOOST_REQUIRE(*done);
    BOOST_CHECK(hint);
    // The link leads to 支部委员会 with 登记换届选举 open.
    auto term = when_dialog("term_dialog", [&](wxDialog* d) { d->EndModal(wxID_CANCEL); });
    for (int i = 0; i < 30 && !*term; ++i) pump(100);
    BOOST_CHECK(*term);
    BOOST_CHECK_EQUAL(f->target().view, "section:basic.committee");
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(the_first_filing_explains_the_fonds_code_and_allows_later) {
    ScratchDir dir("onebook-first");
    auto file = dir / "请示.pdf";
    { std::ofstream(file) << "%PDF-1.4\n%%EOF\n"; }
    auto* f = new_archive_frame(dir / "a.onebook");
    f->navigate({"section:basic.committee", 0, {}});
    auto* docs = find_as<wxListCtrl>(f, "docs_list");
    BOOST_REQUIRE(docs);
    wxArrayString files;
    files.Add(shell::wx(file.string()));
    std::string text, later_label;
    auto done = when_dialog("fonds_dialog", [&](wxDialog* d) {
        for (auto* c : d->GetChildren()) text += shell::str(c->GetLabel()) + "\n";
        later_label = shell::str(find(d, "fonds_later")->GetLabel());
        click(find(d, "fonds_later"));
    });
    static_cast<wxFileDropTarget*>(docs->GetDropTarget())->OnDropFiles(10, 10, files);
    pump(200);
    BOOST_REQUIRE(*done);
    BOOST_CHECK(text.find("档案馆") != std::string::npos);       // who gives it
    BOOST_CHECK(text.find("档号的第一段") != std::string::npos); // what it is
    BOOST_CHECK_EQUAL(later_label, "以后再填");
    BOOST_CHECK(take_messages().empty()); // later is an answer, not an error
    BOOST_CHECK(f->archive().setting("fonds_code").empty());
    BOOST_CHECK_EQUAL(docs->GetItemCount(), 0);
    BOOST_CHECK(f->GetStatusBar()->GetStatusText(1).Find(u("全宗号")) != wxNOT_FOUND);
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(stock_buttons_speak_chinese_under_a_chinese_interface) {
    // wxWidgets' own catalogue (wx3.2-i18n) is loaded with the Chinese interface.
    BOOST_CHECK_EQUAL(shell::str(wxGetStockLabel(wxID_CANCEL, wxSTOCK_NOFLAGS)), "取消");
    BOOST_CHECK_EQUAL(shell::str(wxGetStockLabel(wxID_OK, wxSTOCK_NOFLAGS)), "确认"); // wxWidgets' own word
    shell::set_language("en");
    BOOST_CHECK_EQUAL(shell::str(wxGetStockLabel(wxID_CANCEL, wxSTOCK_NOFLAGS)), "Cancel");
    // One Chinese word, two English ones: the pipeline's button registers, a history line records.
    BOOST_CHECK_EQUAL(shell::str(shell::wtr_in_context("pipeline", "登记")), "Register");
    BOOST_CHECK_EQUAL(shell::str(_("登记")), "Recorded");
    shell::set_language("zh");
    BOOST_CHECK_EQUAL(shell::str(shell::wtr_in_context("pipeline", "登记")), "登记");
}

BOOST_AUTO_TEST_CASE(finalising_lists_every_problem_as_a_link_and_a_reason_can_follow_its_score) {
    auto path = demo_copy();
    auto* f = open_frame(path);
    f->navigate({"section:work.assessment", 0, {}});
    auto* grid = find_as<wxGrid>(f, "assess_grid");
    auto* list = find_as<wxListBox>(f, "assess_problem_list");
    BOOST_REQUIRE(grid && list);
    std::size_t blocking = 0;
    {
        auto rubrics = core::RubricSet::load(plugins());
        core::AssessmentStore store(f->archive(), rubrics);
        auto as = store.require(f->archive().home().id, core::Date::today().year());
        blocking = store.blocking_problems(as.id, core::Round::Self).size();
    }
    BOOST_REQUIRE_GT(blocking, 3u);
    BOOST_CHECK_EQUAL(list->GetCount(), blocking); // all of them, not the first three
    // Double-clicking a problem of an item selects that item's row.
    int pick = -1;
    for (unsigned i = 0; i < list->GetCount() && pick < 0; ++i)
        if (wxIsdigit(list->GetString(i)[0])) pick = static_cast<int>(i);
    BOOST_REQUIRE(pick >= 0);
    wxString item = list->GetString(pick).BeforeFirst(' ');
    list->SetSelection(pick);
    wxCommandEvent dclick(wxEVT_LISTBOX_DCLICK, list->GetId());
    dclick.SetEventObject(list);
    dclick.SetInt(pick);
    list->GetEventHandler()->ProcessEvent(dclick);
    pump(200);
    BOOST_CHECK_EQUAL(shell::str(grid->GetCellValue(grid->GetGridCursorRow(), 0)), shell::str(item));

    // A computed item given less than its suggestion before any reason: no message box, the
    // reason cell is where the cursor goes, and the reason then stores both.
    int row = -1;
    for (int r = 0; r < grid->GetNumberRows() && row < 0; ++r) {
        double p = 0;
        if (!grid->IsReadOnly(r, 4) && grid->GetCellValue(r, 3).ToCDouble(&p) && p >= 1 && grid->GetCellValue(r, 6).empty())
            row = r;
    }
    BOOST_REQUIRE_MESSAGE(row >= 0, "no computed item with a suggestion");
    double proposal = 0;
    grid->GetCellValue(row, 3).ToCDouble(&proposal);
    std::string id = shell::str(grid->GetCellValue(row, 0));
    take_messages();
    grid->SetGridCursor(row, 4);
    grid->SetCellValue(row, 4, wxString::FromCDouble(proposal - 1));
    wxGridEvent changed(grid->GetId(), wxEVT_GRID_CELL_CHANGED, grid, row, 4);
    grid->GetEventHandler()->ProcessEvent(changed);
    pump(300);
    auto messages = take_messages();
    BOOST_CHECK_MESSAGE(messages.empty(), "message box: " << (messages.empty() ? "" : messages.front()));
    BOOST_CHECK_EQUAL(grid->GetGridCursorCol(), 6);
    BOOST_CHECK(f->GetStatusBar()->GetStatusText(1).Find(u("理由")) != wxNOT_FOUND);
    grid->SetCellValue(row, 6, u("两次支委会记录缺少会议结论"));
    wxGridEvent reason(grid->GetId(), wxEVT_GRID_CELL_CHANGED, grid, row, 6);
    grid->GetEventHandler()->ProcessEvent(reason);
    pump(300);
    BOOST_CHECK(take_messages().empty());
    close_frame(f);
    auto a = core::Archive::open(path.string());
    auto rubrics = core::RubricSet::load(plugins());
    core::AssessmentStore store(a, rubrics);
    auto as = store.require(a.home().id, core::Date::today().year());
    bool stored = false;
    for (const auto& s : store.scores(as.id, core::Round::Self))
        if (s.item_id == id && s.reason == "两次支委会记录缺少会议结论") stored = std::abs(s.points - (proposal - 1)) < 1e-9;
    BOOST_CHECK_MESSAGE(stored, "item " << id << " stored with its score and reason");
}

BOOST_AUTO_TEST_CASE(keyboard_tree_arrows_keep_focus_and_the_absence_reason_is_a_tab_stop) {
    auto* f = open_frame(demo_copy());
    auto* tree = f->tree();
    tree->SetFocus();
    pump(100);
    BOOST_REQUIRE(wxWindow::FindFocus() == tree);
    // What the Down key does in the tree: select the next item (and show its view).
    auto next = tree->GetNextVisible(tree->GetSelection());
    BOOST_REQUIRE(next.IsOk());
    tree->SelectItem(next);
    pump(200);
    BOOST_CHECK_MESSAGE(wxWindow::FindFocus() == tree,
                        "focus went to " << (wxWindow::FindFocus() ? shell::str(wxWindow::FindFocus()->GetName()) : "nothing"));
    // Menu shortcuts exist for the daily commands.
    auto* bar = f->GetMenuBar();
    for (int id :
         {int(shell::menu_id::new_record), int(shell::menu_id::find), int(shell::menu_id::refresh), int(shell::menu_id::save)}) {
        auto* item = bar->FindItem(id);
        BOOST_REQUIRE(item);
        BOOST_CHECK_MESSAGE(item->GetAccel() != nullptr, shell::str(item->GetItemLabel()) << " has no shortcut");
    }
    BOOST_CHECK(bar->GetMenuLabel(0).Contains("&"));
    // The absence reason: a text box beside the list, filled for the selected person.
    f->navigate({"section:activities.three_meetings", 0, {}});
    bool absent = true;
    wxString reason;
    auto done = when_dialog("record_dialog", [&](wxDialog* d) {
        auto* list = find_as<wxDataViewListCtrl>(d, "record_attendance");
        auto* box = find(d, "record_reason");
        BOOST_REQUIRE(list && box);
        BOOST_REQUIRE_GT(list->GetItemCount(), 0);
        BOOST_CHECK(box->AcceptsFocusFromKeyboard() || !box->IsEnabled());
        list->SelectRow(0);
        wxDataViewEvent sel(wxEVT_DATAVIEW_SELECTION_CHANGED, list, list->RowToItem(0));
        list->GetEventHandler()->ProcessEvent(sel);
        BOOST_CHECK(box->IsEnabled());
        BOOST_CHECK(box->AcceptsFocusFromKeyboard());
        type(box, u("出差"));
        absent = !list->GetToggleValue(0, 0);
        reason = list->GetTextValue(0, 2);
        d->EndModal(wxID_CANCEL);
    });
    click(find(f->view(), "records_add"));
    BOOST_REQUIRE(*done);
    BOOST_CHECK(absent);
    BOOST_CHECK_EQUAL(shell::str(reason), "出差");
    take_messages();
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(status_bar_keeps_the_last_result_and_clears_stale_ones) {
    auto* f = open_frame(demo_copy());
    f->set_status(u("已保存记录"));
    f->navigate({"section:basic.members", 0, {}}); // the action that led here: kept
    BOOST_CHECK_EQUAL(shell::str(f->GetStatusBar()->GetStatusText(1)), "已保存记录");
    pump(1700);
    f->navigate({"rules", 0, {}}); // later, elsewhere: stale
    BOOST_CHECK(f->GetStatusBar()->GetStatusText(1).empty());
    // File › Save says that everything is stored already.
    wxCommandEvent save(wxEVT_MENU, shell::menu_id::save);
    f->GetEventHandler()->ProcessEvent(save);
    BOOST_CHECK(f->GetStatusBar()->GetStatusText(1).Find(u("已经保存")) != wxNOT_FOUND);
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(small_screen_keeps_the_reason_column_and_the_year_box_has_room) {
    auto* f = small_frame();
    f->navigate({"section:work.assessment", 0, {}});
    pump(300);
    auto* grid = find_as<wxGrid>(f, "assess_grid");
    BOOST_REQUIRE(grid);
    int right = columns_width(grid);
    BOOST_CHECK_MESSAGE(right <= grid->GetClientSize().x,
                        "columns " << right << " wide in a grid of " << grid->GetClientSize().x);
    f->navigate({"rules", 0, {}});
    pump(300);
    auto* rules = find_as<wxGrid>(f, "rules_grid");
    BOOST_REQUIRE(rules);
    right = 0;
    for (int c = 0; c < rules->GetNumberCols(); ++c) right += rules->GetColSize(c);
    BOOST_CHECK_MESSAGE(right <= rules->GetClientSize().x, "rules columns " << right << " wide in " << rules->GetClientSize().x);
    // The year box has the width GTK asks for (it was 110 pixels, less than its two buttons need).
    auto* year = find(f, "year");
    BOOST_REQUIRE(year);
    BOOST_CHECK_GE(allocation(year).x, year->GetBestSize().x - 2);
    BOOST_CHECK_GE(year->GetSize().x, 120);
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(members_are_found_by_name_and_lists_sort_by_pinyin) {
    auto* f = open_frame(demo_copy());
    f->navigate({"section:basic.members", 0, {}});
    auto* roster = find_as<wxListCtrl>(f, "roster_list");
    BOOST_REQUIRE(roster);
    BOOST_REQUIRE_GT(roster->GetItemCount(), 5);
    std::vector<std::string> names;
    for (long i = 0; i < roster->GetItemCount(); ++i) names.push_back(shell::str(roster->GetItemText(i, 0)));
    for (std::size_t i = 1; i < names.size(); ++i)
        BOOST_CHECK_MESSAGE(!core::name_less(names[i], names[i - 1]), names[i - 1] << " listed before " << names[i]);
    // A member by name from the search box, opening the roster on that member.
    std::string who = names[names.size() / 2];
    f->search(who);
    auto* results = find_as<wxSimpleHtmlListBox>(f, "search_results");
    BOOST_REQUIRE(results);
    BOOST_REQUIRE_GT(results->GetCount(), 0u);
    BOOST_CHECK(results->GetString(0).Find(shell::wx(who)) != wxNOT_FOUND);
    wxCommandEvent open(wxEVT_LISTBOX_DCLICK, results->GetId());
    results->SetSelection(0);
    results->GetEventHandler()->ProcessEvent(open);
    pump(200);
    BOOST_CHECK_EQUAL(f->target().view, "section:basic.members");
    // Never by private fields: a phone number finds no member.
    auto a = core::Roster(f->archive().db(), f->archive().home().id).members({}, true);
    std::string phone;
    for (const auto& m : a)
        if (!m.priv.phone.empty()) phone = m.priv.phone;
    if (!phone.empty()) {
        f->search(phone);
        auto* r2 = find_as<wxSimpleHtmlListBox>(f, "search_results");
        for (unsigned i = 0; r2 && i < r2->GetCount(); ++i) BOOST_CHECK(r2->GetString(i).Find(u("党员")) == wxNOT_FOUND);
    }
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(english_tree_labels_are_not_cut_off) {
    auto* f = open_frame(demo_copy());
    f->apply_language("en");
    pump(200);
    auto* tree = f->tree();
    wxClientDC dc(tree);
    dc.SetFont(tree->GetFont());
    wxTreeItemIdValue c1, c2;
    auto root = tree->GetRootItem();
    for (auto ch = tree->GetFirstChild(root, c1); ch.IsOk(); ch = tree->GetNextChild(root, c1))
        for (auto s = tree->GetFirstChild(ch, c2); s.IsOk(); s = tree->GetNextChild(ch, c2)) {
            wxRect r;
            BOOST_REQUIRE(tree->GetBoundingRect(s, r, true));
            BOOST_CHECK_MESSAGE(r.GetRight() <= tree->GetClientSize().x, shell::str(tree->GetItemText(s))
                                                                             << " ends at " << r.GetRight() << " of "
                                                                             << tree->GetClientSize().x);
        }
    f->apply_language("zh");
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(english_messages_translate_parameters_that_are_messages) {
    // A rubric whose item 2.3 has no text: the place ("条目 2.3") is a message of its own.
    const char* json = R"({"id":"r","name":"考核","sections":[{"id":"2","title":"组织","points":100,
        "items":[{"id":"2.3","points":100}]}]})";
    std::optional<core::Error> error;
    try {
        core::parse_rubric(json, "rubric.json", "community");
    } catch (const core::Error& e) { error = e; }
    BOOST_REQUIRE(error);
    BOOST_CHECK(std::string(error->what()).find("条目 2.3") != std::string::npos); // the Chinese text as before
    shell::set_language("en");
    wxString text = shell::msg(error->message());
    wxString described = shell::wx(app::describe(*error));
    shell::set_language("zh");
    BOOST_CHECK_MESSAGE(!has_cjk(text), shell::str(text));
    BOOST_CHECK_MESSAGE(text.Contains("item 2.3"), shell::str(text));
    BOOST_CHECK_MESSAGE(!has_cjk(described), shell::str(described));
    // A package whose format member is wrong: the reason is translated with the sentence.
    core::Error bad(core::Message{"{file} 内容不符合档案包格式：{what}",
                                  {{"file", "p.json"}},
                                  {{"what", {"format 不是 onebook-package", {}, {}}}}},
                    {});
    BOOST_CHECK_EQUAL(bad.param("what"), "format 不是 onebook-package"); // params keep the words, never a key
    shell::set_language("en");
    text = shell::msg(bad.message());
    shell::set_language("zh");
    BOOST_CHECK_MESSAGE(text.Contains("format is not onebook-package") && !has_cjk(text), shell::str(text));
}

BOOST_AUTO_TEST_CASE(english_to_do_panel_rules_and_assessment_read_plugin_data_in_english) {
    // Rule descriptions, rubric names and section titles are the plugins' data: each plugin ships
    // their English in locale/en.json.
    auto* f = open_frame(demo_copy());
    f->apply_language("en");
    f->navigate({"section:basic.organisation", 0, {}});
    pump(200);
    auto* panel = find(f->view(), "todo_panel");
    BOOST_REQUIRE(panel);
    int texts = 0;
    for (auto* c : panel->GetChildren()) {
        if (!dynamic_cast<wxStaticText*>(c) && !dynamic_cast<wxButton*>(c)) continue;
        ++texts;
        BOOST_CHECK_MESSAGE(!has_cjk(c->GetLabel()), "to-do: " << shell::str(c->GetLabel()));
    }
    BOOST_CHECK_GT(texts, 3);
    BOOST_CHECK(has_cjk(wxString::FromUTF8(app::tr("未列入任何插件的文字")))); // unknown text stays as it is
    f->navigate({"rules", 0, {}});
    pump(200);
    auto* rules = find_as<wxGrid>(f, "rules_grid");
    BOOST_REQUIRE(rules);
    BOOST_REQUIRE_GT(rules->GetNumberRows(), 5);
    for (int r = 0; r < rules->GetNumberRows(); ++r)
        BOOST_CHECK_MESSAGE(!has_cjk(rules->GetCellValue(r, 0)), "rule: " << shell::str(rules->GetCellValue(r, 0)));
    f->navigate({"section:work.assessment", 0, {}});
    pump(200);
    auto* grid = find_as<wxGrid>(f, "assess_grid");
    BOOST_REQUIRE(grid);
    BOOST_REQUIRE_GT(grid->GetNumberRows(), 0);
    // Section titles and every item's text; the detail below names the selected item and its source in English.
    for (int r = 0; r < grid->GetNumberRows(); ++r)
        BOOST_CHECK_MESSAGE(!has_cjk(grid->GetCellValue(r, 1)), "row " << r << ": " << shell::str(grid->GetCellValue(r, 1)));
    grid->SetGridCursor(1, 1);
    pump(100);
    auto* detail = find_as<wxTextCtrl>(f, "assess_detail");
    BOOST_REQUIRE(detail);
    auto lines = wxSplit(detail->GetValue(), '\n');
    BOOST_REQUIRE(!lines.empty());
    BOOST_CHECK_MESSAGE(!has_cjk(lines.front()), shell::str(lines.front()));
    BOOST_CHECK_MESSAGE(!has_cjk(lines.back()), shell::str(lines.back()));
    f->apply_language("zh");
    f->navigate({"section:work.assessment", 0, {}});
    pump(200);
    grid = find_as<wxGrid>(f, "assess_grid");
    BOOST_REQUIRE(grid);
    BOOST_CHECK(has_cjk(grid->GetCellValue(0, 1))); // back in Chinese, the plugin's own words
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(gtk_dialogs_speak_the_interface_language) {
    // GTK's own words (the file chooser's buttons and places) follow the chosen language.
    shell::set_language("zh");
    std::string zh = dgettext("gtk30", "_Cancel");
    shell::set_language("en");
    std::string en = dgettext("gtk30", "_Cancel");
    shell::set_language("zh");
    std::string again = dgettext("gtk30", "_Cancel");
    BOOST_CHECK_MESSAGE(zh.find("取消") != std::string::npos, zh);
    BOOST_CHECK_EQUAL(en, "_Cancel");
    BOOST_CHECK_MESSAGE(again.find("取消") != std::string::npos, again);
}

namespace {
/// `name` in the view is shown, ends inside the view's width and has the width its text needs
/// (each line of a label).
void check_whole_in_view(shell::MainFrame* f, const char* name, const std::string& lang) {
    auto* w = find(f->view(), name);
    BOOST_REQUIRE_MESSAGE(w, name << " not in " << f->target().view);
    BOOST_CHECK_MESSAGE(w->IsShownOnScreen(), lang << ": " << name << " hidden");
    int x = (w->GetScreenPosition() - f->view()->GetScreenPosition()).x;
    int width = f->view()->GetClientSize().x;
    BOOST_CHECK_MESSAGE(x + w->GetSize().x <= width,
                        lang << ": " << name << " ends at " << x + w->GetSize().x << " of " << width);
    // …and inside the window: a view wider than its host runs off the frame's right edge.
    int frame_x = (w->GetScreenPosition() - f->ClientToScreen(wxPoint(0, 0))).x;
    BOOST_CHECK_MESSAGE(frame_x + w->GetSize().x <= f->GetClientSize().x, lang << ": " << name << " ends at "
                                                                               << frame_x + w->GetSize().x << " of the window's "
                                                                               << f->GetClientSize().x);
    int needed = w->GetBestSize().x;
    if (auto* label = dynamic_cast<wxStaticText*>(w)) {
        wxClientDC dc(label);
        dc.SetFont(label->GetFont());
        needed = 0;
        for (const auto& line : wxSplit(label->GetLabel(), '\n')) needed = std::max(needed, dc.GetTextExtent(line).x);
    }
    BOOST_CHECK_MESSAGE(x + needed <= width, lang << ": " << name << " needs to end at " << x + needed << " of " << width);
    BOOST_CHECK_MESSAGE(allocation(w).x >= needed - 2,
                        lang << ": " << name << " allocated " << allocation(w).x << " of " << needed);
}
} // namespace

BOOST_AUTO_TEST_CASE(small_screen_in_english_keeps_the_reason_column_and_the_roster_count) {
    auto* f = small_frame();
    for (const char* lang : {"zh", "en"}) {
        f->apply_language(lang);
        settle(f);
        f->navigate({"section:work.assessment", 0, {}});
        pump(300);
        auto* grid = find_as<wxGrid>(f, "assess_grid");
        BOOST_REQUIRE(grid);
        int right = columns_width(grid);
        BOOST_CHECK_MESSAGE(right <= grid->GetClientSize().x,
                            lang << ": columns " << right << " wide in a grid of " << grid->GetClientSize().x);
        {
            // Every column header fits its column (each line of it), and no problem line mixes in Chinese.
            wxClientDC dc(grid);
            dc.SetFont(grid->GetLabelFont());
            for (int c = 0; c < grid->GetNumberCols(); ++c)
                for (const auto& line : wxSplit(grid->GetColLabelValue(c), '\n'))
                    BOOST_CHECK_MESSAGE(dc.GetTextExtent(line).x <= grid->GetColSize(c),
                                        lang << ": header " << shell::str(line) << " cut");
            auto* problems = find_as<wxListBox>(f, "assess_problem_list");
            if (std::string(lang) == "en" && problems)
                for (unsigned i = 0; i < problems->GetCount(); ++i)
                    BOOST_CHECK_MESSAGE(!has_cjk(problems->GetString(i)), shell::str(problems->GetString(i)));
        }
        // The totals, the problems line and every button stay whole inside the view.
        for (const char* name : {"assess_totals", "assess_problems", "assess_accept_all", "assess_survey", "assess_rectify",
                                 "assess_finalise", "assess_export"})
            check_whole_in_view(f, name, lang);
        screenshot(std::string("small-assessment-") + lang, f);
        f->navigate({"section:basic.members", 0, {}});
        pump(300);
        auto* count = find(f->view(), "roster_count");
        BOOST_REQUIRE(count);
        BOOST_CHECK_MESSAGE(!count->GetLabel().empty(), lang);
        auto a = allocation(count);
        BOOST_CHECK_MESSAGE(a.x >= count->GetBestSize().x - 2,
                            lang << ": count label " << a.x << " of " << count->GetBestSize().x);
        wxPoint at = count->GetScreenPosition() - f->view()->GetScreenPosition();
        BOOST_CHECK_MESSAGE(at.x + count->GetBestSize().x <= f->view()->GetClientSize().x,
                            lang << ": count label ends at " << at.x + count->GetBestSize().x);
        BOOST_CHECK_MESSAGE(at.y + a.y <= f->view()->GetClientSize().y, lang << ": count label below the view");
        for (const char* name : {"roster_import", "roster_print", "roster_export"}) check_whole_in_view(f, name, lang);
        screenshot(std::string("small-roster-") + lang, f);
        // The overview's to-do buttons and its edit button, the activists' and the rectification
        // ledger's buttons stay whole; the committee's lists have their column headers.
        f->navigate({"section:basic.organisation", 0, {}});
        pump(300);
        for (const char* name : {"overview_edit", "todo_record_0"}) check_whole_in_view(f, name, lang);
        screenshot(std::string("small-overview-") + lang, f);
        f->navigate({"section:basic.activists", 0, {}});
        pump(300);
        for (const char* name : {"pipeline_apply", "pipeline_move", "pipeline_edit", "pipeline_delete"})
            check_whole_in_view(f, name, lang);
        f->navigate({"section:work.rectification", 0, {}});
        pump(300);
        for (const char* name :
             {"rect_add", "rect_edit", "rect_status", "rect_close", "rect_delete", "rect_word", "rect_board", "rect_export"})
            check_whole_in_view(f, name, lang);
        screenshot(std::string("small-rectification-") + lang, f);
        f->navigate({"section:basic.committee", 0, {}});
        pump(300);
        {
            // The term list's columns fit the list; the members column ends in "…" with the whole text as tooltip.
            auto* terms = find_as<wxListCtrl>(f, "committee_terms");
            BOOST_REQUIRE(terms);
            int width = 0;
            for (int c = 0; c < terms->GetColumnCount(); ++c) width += terms->GetColumnWidth(c);
            BOOST_CHECK_MESSAGE(width <= terms->GetClientSize().x,
                                lang << ": term columns " << width << " wide in a list of " << terms->GetClientSize().x);
            BOOST_CHECK_GE(terms->GetColumnWidth(terms->GetColumnCount() - 1), 80);
            BOOST_REQUIRE_GT(terms->GetItemCount(), 0);
            long chosen = terms->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
            BOOST_REQUIRE_GE(chosen, 0);
            BOOST_CHECK_EQUAL(shell::str(terms->GetToolTipText()), shell::str(terms->GetItemText(chosen, 4)));
            screenshot(std::string("small-committee-") + lang, f);
        }
        for (const char* name : {"committee_terms", "committee_seats"}) {
            auto* list = find_as<wxListCtrl>(f, name);
            BOOST_REQUIRE_MESSAGE(list, name);
            for (int c = 0; c < list->GetColumnCount(); ++c) {
                wxListItem col;
                col.SetMask(wxLIST_MASK_TEXT);
                list->GetColumn(c, col);
                BOOST_CHECK_MESSAGE(!col.GetText().empty(), lang << ": " << name << " column " << c << " has no header");
            }
        }
    }
    f->apply_language("zh");
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(an_empty_start_focuses_the_new_archive_button) {
    auto* f = empty_frame();
    pump(300);
    auto* focus = wxWindow::FindFocus();
    BOOST_CHECK_MESSAGE(focus && focus->GetName() == "welcome_new", (focus ? shell::str(focus->GetName()) : "nothing"));
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(record_problems_are_one_a_line_naming_each_field_once) {
    app::add_plugin_messages(plugins());
    std::vector<core::RecordProblem> problems = {
        {"host", {"“{label}”为必填项", {{"label", "主持人"}}}},
        {"attendees", {"“{label}”中的 {value} 不在本支部党员名册中", {{"label", "参会人员"}, {"value", "Wang"}}}},
        {"date", {"日期为必填项", {}}}};
    for (const char* lang : {"zh", "en"}) {
        shell::set_language(lang);
        wxString text = shell::record_problems_text(problems);
        auto lines = wxSplit(text, '\n');
        int bullets = 0;
        for (const auto& line : lines)
            if (line.StartsWith(wxString::FromUTF8("• "))) ++bullets;
        BOOST_CHECK_MESSAGE(bullets == 3, lang << ": " << shell::str(text));
        if (std::string(lang) == "zh") {
            BOOST_CHECK_MESSAGE(text.Contains(u("\n• “主持人”为必填项")), shell::str(text));
            BOOST_CHECK_MESSAGE(!text.Contains(u("主持人：")), shell::str(text)); // the field is named once
        } else {
            BOOST_CHECK_MESSAGE(!has_cjk(text), shell::str(text));
        }
    }
    shell::set_language("zh");
}

namespace {
void count_focusable(GtkWidget* w, gpointer data) {
    auto* seen = static_cast<std::set<GtkWidget*>*>(data);
    if (gtk_widget_get_can_focus(w) && gtk_widget_get_visible(w)) seen->insert(w);
    if (GTK_IS_CONTAINER(w)) gtk_container_forall(GTK_CONTAINER(w), count_focusable, data);
}
} // namespace

BOOST_AUTO_TEST_CASE(a_combo_box_is_one_tab_stop) {
    auto* f = open_frame(demo_copy()); // the main window sets the keyboard up
    auto* dlgp = new wxDialog(f, wxID_ANY, "combo");
    auto& dlg = *dlgp;
    auto* combo = new wxComboBox(&dlg, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxArrayString{});
    combo->Append(u("王建国"));
    combo->Append(u("李秀兰"));
    auto* choice = new wxChoice(&dlg, wxID_ANY);
    choice->Append(u("支部党员大会"));
    choice->SetSelection(0);
    auto* s = new wxBoxSizer(wxVERTICAL);
    s->Add(combo);
    s->Add(choice);
    dlg.SetSizerAndFit(s);
    dlg.Show();
    pump(300);
    for (wxWindow* w : {static_cast<wxWindow*>(combo), static_cast<wxWindow*>(choice)}) {
        std::set<GtkWidget*> focusable;
        count_focusable(static_cast<GtkWidget*>(w->GetHandle()), &focusable);
        std::size_t stops = focusable.size();
        BOOST_CHECK_MESSAGE(stops == 1, shell::str(w->GetClassInfo()->GetClassName()) << " has " << stops << " tab stops");
    }
    dlg.Destroy();
    pump(100);
    close_frame(f);
}
