// Office interchange in the shell: importing the roster from an Excel workbook shows the same
// report as CSV; 导出 Word… from the records view and the rectification ledger writes documents
// python-docx reads; 打印… goes through the real GTK print dialog to GTK's "Print to File"
// printer, and cancelling the dialog prints nothing.
#include "gui_suite.hpp"

#include "office_actions.hpp"
#include "print_pdf.hpp"
#include "roster_view.hpp"

#include "onebook/archive/book_pdf.hpp"
#include "onebook/roster.hpp"

#include <gtk/gtk.h>
#include <gtk/gtkunixprint.h>

#include <wx/choicdlg.h>
#include <wx/frame.h>
#include <wx/listctrl.h>
#include <wx/statusbr.h>

namespace {

void python(const ScratchDir& dir, const std::string& script) {
    write_file(dir / "make.py", script);
    std::string out, err;
    int rc = run("cd '" + dir.path().string() + "' && /usr/bin/python3 make.py", &out, &err);
    BOOST_REQUIRE_MESSAGE(rc == 0, "python failed: " << err);
}

std::string docx_text(const fs::path& docx) {
    std::string out, err;
    int rc = run(
        "/usr/bin/python3 -c \"import docx,sys; d=docx.Document(sys.argv[1]); "
        "print('\\n'.join([p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]))\" '" +
            docx.string() + "'",
        &out, &err);
    BOOST_REQUIRE_MESSAGE(rc == 0, "python-docx: " << err);
    return out;
}

std::string status_of(wxFrame* f) { return std::string(f->GetStatusBar()->GetStatusText(1).utf8_str()); }

/// Answers the GTK print dialog from a GLib timer: picks `printer` (with `settings`) and presses
/// Print once it is selected, or cancels when `printer` is empty.
struct DialogAnswer {
    std::string printer;
    std::map<std::string, std::string> settings;
    bool seen = false, configured = false;
    int ticks = 0;
};

gboolean answer_dialog(gpointer data) {
    auto* a = static_cast<DialogAnswer*>(data);
    if (++a->ticks > 150) return G_SOURCE_REMOVE; // 30 s
    GList* tops = gtk_window_list_toplevels();
    GtkWidget* dialog = nullptr;
    for (GList* l = tops; l; l = l->next)
        if (GTK_IS_PRINT_UNIX_DIALOG(l->data) && gtk_widget_get_visible(GTK_WIDGET(l->data))) dialog = GTK_WIDGET(l->data);
    g_list_free(tops);
    if (!dialog) return G_SOURCE_CONTINUE;
    a->seen = true;
    auto* ud = GTK_PRINT_UNIX_DIALOG(dialog);
    if (a->printer.empty()) {
        if (a->ticks < 8) return G_SOURCE_CONTINUE; // let it draw, for the screenshot
        const char* shots = std::getenv("ONEBOOK_SCREENSHOTS");
        fs::path folder = shots && *shots ? fs::path(shots) : fs::path(ONEBOOK_BINARY_DIR) / "screenshots";
        fs::create_directories(folder);
        run("import -window root -crop 1366x768+0+0 +repage '" + (folder / "zh-31-print-dialog.png").string() + "'");
        gtk_dialog_response(GTK_DIALOG(dialog), GTK_RESPONSE_CANCEL);
        return G_SOURCE_REMOVE;
    }
    if (!a->configured) {
        GtkPrintSettings* s = gtk_print_settings_new();
        gtk_print_settings_set_printer(s, a->printer.c_str());
        for (const auto& [k, v] : a->settings) gtk_print_settings_set(s, k.c_str(), v.c_str());
        gtk_print_unix_dialog_set_settings(ud, s);
        g_object_unref(s);
        a->configured = true;
        return G_SOURCE_CONTINUE;
    }
    GtkPrinter* p = gtk_print_unix_dialog_get_selected_printer(ud);
    if (p && a->printer == gtk_printer_get_name(p)) {
        gtk_dialog_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

/// GTK's file backend names its printer in the interface language (the shell points gettext at it):
/// "Print to File" in English, "打印到文件" in Chinese.
std::string file_printer() { return g_dgettext("gtk30", "Print to File"); }

} // namespace

BOOST_AUTO_TEST_CASE(roster_import_from_an_excel_workbook_reports_like_csv) {
    auto path = demo_copy();
    ScratchDir dir("onebook-xlsx");
    python(dir, R"PY(
import datetime, openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws["A1"] = "党员花名册"; ws.merge_cells("A1:D1")
ws.append(["姓名", "性别", "出生日期", "入党时间"])
ws.append(["张三", "男", datetime.datetime(1980, 2, 3), "2001-07-01"])
ws.append(["李四", "女", "1985-03-01", "明年"])
wb.save("bad.xlsx")
ws["D4"] = datetime.datetime(2010, 7, 1)
wb.create_sheet("说明", 0)["A1"] = "填表说明"
wb.save("good.xlsx")
)PY");
    auto* f = open_frame(path);
    f->navigate({"section:basic.members", 0, {}});
    auto* view = find_as<shell::RosterView>(f, "roster_view");
    BOOST_REQUIRE(view);
    int before = view->list()->GetItemCount();
    std::vector<std::string> problems;
    auto done = when_dialog("import_report", [&](wxDialog* d) {
        auto* l = find_as<wxListCtrl>(d, "import_problems");
        BOOST_REQUIRE(l);
        for (long i = 0; i < l->GetItemCount(); ++i)
            problems.push_back(std::string((l->GetItemText(i, 0) + "|" + l->GetItemText(i, 1)).utf8_str()));
        press_ok(d);
    });
    view->import_csv((dir / "bad.xlsx").string());
    BOOST_CHECK(*done);
    BOOST_REQUIRE_EQUAL(problems.size(), 1u);
    BOOST_CHECK_MESSAGE(problems[0].find("4") != std::string::npos && problems[0].find("入党时间") != std::string::npos,
                        problems[0]);
    BOOST_CHECK_EQUAL(view->list()->GetItemCount(), before);

    take_messages();
    int offered = -1;
    auto picked = when_dialog("import_sheet", [&](wxDialog* d) {
        auto* pick = dynamic_cast<wxSingleChoiceDialog*>(d);
        BOOST_REQUIRE(pick);
        offered = pick->GetSelection();
        pick->SetSelection(1); // the roster is on the second sheet
        press_ok(d);
    });
    view->import_file((dir / "good.xlsx").string()); // what the button does after the file dialog
    BOOST_CHECK(*picked);
    BOOST_CHECK_EQUAL(offered, 0); // the first sheet is proposed
    auto messages = take_messages();
    BOOST_REQUIRE(!messages.empty());
    BOOST_CHECK_MESSAGE(messages.back().find("新增 2 人") != std::string::npos, messages.back());
    BOOST_CHECK_EQUAL(view->list()->GetItemCount(), before + 2);
    close_frame(f);
    auto a = core::Archive::open(path.string());
    core::Roster roster(a.db(), a.home().id);
    auto z = roster.member_by_name("张三");
    BOOST_REQUIRE(z);
    BOOST_CHECK_EQUAL(z->birth_date->iso(), "1980-02-03");
}

BOOST_AUTO_TEST_CASE(export_word_from_the_records_view_and_the_ledger) {
    auto path = demo_copy();
    ScratchDir dir("onebook-word");
    std::string proposed;
    fs::path target;
    shell::set_save_path_chooser([&](wxWindow*, const std::string& name) -> std::optional<fs::path> {
        proposed = name;
        return target;
    });
    auto* f = open_frame(path);

    f->navigate({"section:activities.three_meetings", 0, {}});
    auto* list = find_as<wxListCtrl>(f, "records_list");
    BOOST_REQUIRE(list);
    BOOST_REQUIRE(list->GetItemCount() > 0);
    list->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    std::string date = std::string(list->GetItemText(0, 0).utf8_str());
    target = dir / "one.docx";
    click(find(f, "records_word"));
    BOOST_REQUIRE(fs::exists(target));
    BOOST_CHECK_MESSAGE(proposed.find(date) != std::string::npos, proposed);
    auto text = docx_text(target);
    BOOST_CHECK(text.find("记录") != std::string::npos);
    BOOST_CHECK(text.find("主持人（签字）") != std::string::npos);
    BOOST_CHECK(text.find("幸福里社区党支部") != std::string::npos);
    BOOST_CHECK(status_of(f).find("one.docx") != std::string::npos);

    f->navigate({"section:work.rectification", 0, {}});
    target = dir / "ledger.docx";
    click(find(f, "rect_word"));
    BOOST_REQUIRE(fs::exists(target));
    text = docx_text(target);
    BOOST_CHECK(text.find("整改台账") != std::string::npos);
    BOOST_CHECK(text.find("整改过程") != std::string::npos);

    f->navigate({"section:rules.texts", 0, {}});
    target = dir / "rules.docx";
    click(find(f, "ruletexts_word"));
    BOOST_REQUIRE(fs::exists(target));
    BOOST_CHECK(docx_text(target).find("制度") != std::string::npos);
    shell::set_save_path_chooser({});
    close_frame(f);
}

BOOST_AUTO_TEST_CASE(print_a_pdf_to_the_file_printer_without_a_dialog) {
    ScratchDir dir("onebook-print");
    // The roster as the one book prints it (private data masked): what 打印… on the roster sends.
    auto demo = demo_copy();
    auto archive = core::Archive::open(demo.string());
    archive::BookOptions opt;
    opt.year = core::Date::today().year();
    opt.part = archive::BookOptions::Part::Roster;
    auto pdf = dir / "roster.pdf";
    auto result = archive::write_book_pdf(archive, plugins(), opt, pdf);
    BOOST_CHECK_GE(result.pages, 1);
    std::string roster_text;
    run("pdftotext '" + pdf.string() + "' -", &roster_text);
    BOOST_CHECK(roster_text.find("党员名册") != std::string::npos);
    BOOST_CHECK(roster_text.find("王建国") != std::string::npos);
    auto out = dir / "printed.pdf";
    auto r = shell::print_pdf_to(file_printer(), pdf, "OneBook test",
                                 {{"output-uri", "file://" + out.string()}, {"output-file-format", "pdf"}});
    BOOST_CHECK_MESSAGE(r.kind == shell::PrintOutcome::Kind::Sent, r.error);
    BOOST_REQUIRE(fs::exists(out));
    BOOST_CHECK(fs::file_size(out) == fs::file_size(pdf)); // the PDF itself went to the printer
}

BOOST_AUTO_TEST_CASE(print_minutes_through_the_gtk_dialog_and_cancel_it) {
    auto path = demo_copy();
    ScratchDir dir("onebook-print-dialog");
    auto* f = open_frame(path);
    f->navigate({"section:activities.three_meetings", 0, {}});
    auto* list = find_as<wxListCtrl>(f, "records_list");
    BOOST_REQUIRE(list && list->GetItemCount() > 0);
    list->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);

    // Cancel: nothing printed, the status says so.
    DialogAnswer cancel;
    g_timeout_add(200, answer_dialog, &cancel);
    click(find(f, "records_print"));
    BOOST_CHECK(cancel.seen);
    BOOST_CHECK_MESSAGE(status_of(f).find("取消") != std::string::npos, status_of(f));

    // Print to File: the minutes page arrives as a PDF with the record's text.
    auto out = dir / "minutes.pdf";
    DialogAnswer print;
    print.printer = file_printer();
    print.settings = {{"output-uri", "file://" + out.string()}, {"output-file-format", "pdf"}};
    g_timeout_add(200, answer_dialog, &print);
    click(find(f, "records_print"));
    BOOST_CHECK(print.seen);
    BOOST_REQUIRE_MESSAGE(fs::exists(out), "status: " << status_of(f));
    std::string text;
    run("pdftotext '" + out.string() + "' -", &text);
    BOOST_CHECK(text.find("主持人") != std::string::npos);
    BOOST_CHECK(text.find("应到") != std::string::npos || text.find("出席") != std::string::npos);
    screenshot("zh-30-printed", f);
    close_frame(f);
}
