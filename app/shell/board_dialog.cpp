#include "board_dialog.hpp"
#include "office_actions.hpp"

#include "open_file.hpp"
#include "task.hpp"
#include "ui_util.hpp"

#include "onebook/public_view.hpp"

#include <wx/bitmap.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/grid.h>
#include <wx/image.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/statbmp.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/stdpaths.h>
#include <wx/utils.h>

#include <cstdio>
#include <cstdlib>
#include <random>

namespace onebook::shell {

namespace {
const char* const kSizes[] = {"A4", "A3", "A2", "A1", "A0"};
constexpr int kPreviewW = 560, kPreviewH = 400;

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}
} // namespace

BoardDialog::BoardDialog(wxWindow* parent, Shell& shell, const std::string& template_id)
    : wxDialog(parent, wxID_ANY, _("制作展板"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_shell(shell) {
    SetName("board_dialog");
    std::random_device rd;
    m_scratch = std::filesystem::temp_directory_path() / ("onebook-board-" + std::to_string(rd()));
    std::filesystem::create_directories(m_scratch);
    m_templates = core::BoardTemplates::load(&shell.plugins(), shell.home().sector);

    auto* outer = new wxBoxSizer(wxVERTICAL);
    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    columns->Add(build_choices(), 0, wxALL, 12);
    auto* preview_box = new wxStaticBoxSizer(wxVERTICAL, this, _("预览（PDF 第 1 页）"));
    m_bitmap = named(new wxStaticBitmap(preview_box->GetStaticBox(), wxID_ANY, wxBitmap(kPreviewW, kPreviewH)), "board_preview");
    m_bitmap->SetMinSize(wxSize(kPreviewW, kPreviewH));
    preview_box->Add(m_bitmap, 1, wxALL | wxALIGN_CENTER, 6);
    columns->Add(preview_box, 1, wxEXPAND | wxTOP | wxRIGHT | wxBOTTOM, 12);
    outer->Add(columns, 1, wxEXPAND);
    outer->Add(build_buttons(), 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 12);
    SetSizerAndFit(outer);
    CentreOnParent();

    m_template->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        template_changed();
        preview();
    });
    for (auto* c : {m_size, m_tile})
        c->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
            m_width->Enable(m_size->GetSelection() == 5);
            m_height->Enable(m_size->GetSelection() == 5);
            preview();
        });
    m_orientation->Bind(wxEVT_RADIOBOX, [this](wxCommandEvent&) { preview(); });

    m_template->SetSelection(m_templates.all().empty() ? wxNOT_FOUND : 0);
    if (!template_id.empty()) choose_template(template_id);
    template_changed();
    CallAfter([this] { preview(); }); // once shown: the first render takes a moment
}

wxSizer* BoardDialog::build_choices() {
    auto* left = new wxFlexGridSizer(2, 8, 8);
    m_template = named(new wxChoice(this, wxID_ANY, wxDefaultPosition, wxSize(260, -1)), "board_template");
    for (const auto& t : m_templates.all()) m_template->Append(wx("《" + t.title + "》"));
    m_size = named(new wxChoice(this, wxID_ANY), "board_size");
    for (const char* s : kSizes) m_size->Append(s);
    m_size->Append(_("自定义（厘米）"));
    auto* custom = build_custom_size();
    wxString orientations[] = {_("横向"), _("纵向")};
    m_orientation =
        named(new wxRadioBox(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, 2, orientations, 2), "board_orientation");
    m_tile = named(new wxChoice(this, wxID_ANY), "board_tile");
    m_tile->Append(_("不拼贴（整张输出）"));
    m_tile->Append(_("拼贴到 A4 纸"));
    m_tile->Append(_("拼贴到 A3 纸"));
    m_tile->SetSelection(0);
    add_row(this, left, _("模板"), m_template, true);
    add_row(this, left, _("尺寸"), m_size, true);
    left->Add(new wxStaticText(this, wxID_ANY, _("自定义尺寸")), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
    left->Add(custom);
    add_row(this, left, _("方向"), m_orientation);
    add_row(this, left, _("打印方式"), m_tile);
    auto* leftbox = new wxBoxSizer(wxVERTICAL);
    leftbox->Add(left, 0, wxBOTTOM, 8);
    m_desc = new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxSize(340, -1));
    m_desc->SetForegroundColour(wxColour(0x55, 0x55, 0x55));
    leftbox->Add(m_desc, 0, wxEXPAND | wxBOTTOM, 8);
    m_info = named(new wxStaticText(this, wxID_ANY, "", wxDefaultPosition, wxSize(340, -1)), "board_info");
    leftbox->Add(m_info, 0, wxEXPAND | wxBOTTOM, 8);
    auto* fields = named(new wxButton(this, wxID_ANY, _("填写公示栏目…")), "board_fields");
    leftbox->Add(fields, 0, wxBOTTOM, 6);
    fields->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { edit_fields(); });
    return leftbox;
}

wxSizer* BoardDialog::build_custom_size() {
    auto* custom = new wxBoxSizer(wxHORIZONTAL);
    m_width = named(new wxSpinCtrlDouble(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 10, 500, 120, 1),
                    "board_width");
    m_height = named(new wxSpinCtrlDouble(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 10, 500, 90, 1),
                     "board_height");
    size_spin(m_width, "500.0");
    size_spin(m_height, "500.0");
    custom->Add(m_width);
    custom->Add(new wxStaticText(this, wxID_ANY, wx(" × ")), 0, wxALIGN_CENTER_VERTICAL);
    custom->Add(m_height);
    custom->Add(new wxStaticText(this, wxID_ANY, _(" 厘米")), 0, wxALIGN_CENTER_VERTICAL);
    return custom;
}

/// 刷新预览 on the left; 保存, 打开, 打印 and 关闭 on the right.
wxSizer* BoardDialog::build_buttons() {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    auto* refresh = named(new wxButton(this, wxID_ANY, _("刷新预览")), "board_preview_button");
    auto* save_btn = named(new wxButton(this, wxID_ANY, _("保存 PDF…")), "board_save");
    m_open = named(new wxButton(this, wxID_ANY, _("打开 PDF")), "board_open");
    m_open->Disable();
    row->Add(refresh, 0, wxRIGHT, 6);
    row->AddStretchSpacer();
    row->Add(save_btn, 0, wxRIGHT, 6);
    row->Add(m_open, 0, wxRIGHT, 6);
    auto* print = named(new wxButton(this, wxID_ANY, _("打印…")), "board_print");
    row->Add(print, 0, wxRIGHT, 6);
    row->Add(new wxButton(this, wxID_CANCEL, _("关闭")));
    print->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        auto pdf = m_scratch / "print.pdf";
        int i = m_template->GetSelection();
        if (i >= 0 && render(pdf)) print_existing(this, m_shell, pdf, m_templates.all().at(i).title);
    });
    refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { preview(); });
    save_btn->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const auto* t = m_templates.find(m_templates.all().empty() ? "" : m_templates.all().at(m_template->GetSelection()).id);
        wxFileDialog dlg(this, _("保存展板 PDF"), wxStandardPaths::Get().GetDocumentsDir(),
                         t ? wx(t->title) + ".pdf" : "board.pdf", _("PDF 文件 (*.pdf)|*.pdf"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dlg.ShowModal() == wxID_OK) save(str(dlg.GetPath()));
    });
    m_open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (!m_saved.empty()) open_with_system(this, m_saved);
    });
    return row;
}

BoardDialog::~BoardDialog() {
    std::error_code ec;
    std::filesystem::remove_all(m_scratch, ec);
}

bool BoardDialog::choose_template(const std::string& id) {
    for (std::size_t i = 0; i < m_templates.all().size(); ++i)
        if (m_templates.all()[i].id == id) {
            m_template->SetSelection(static_cast<int>(i));
            template_changed();
            return true;
        }
    return false;
}

void BoardDialog::template_changed() {
    int i = m_template->GetSelection();
    if (i < 0) return;
    const auto& t = m_templates.all().at(i);
    int size = m_size->FindString(wx(t.size));
    m_size->SetSelection(size == wxNOT_FOUND ? 3 : size);
    m_orientation->SetSelection(t.orientation == "portrait" ? 1 : 0);
    m_width->Enable(false);
    m_height->Enable(false);
    m_desc->SetLabel(wx(t.description) + (t.source.empty() ? wxString() : "\n" + _("依据：") + wx(t.source)));
    m_desc->Wrap(340);
    Layout();
}

core::BoardOptions BoardDialog::options() const {
    core::BoardOptions o;
    int s = m_size->GetSelection();
    if (s >= 0 && s < 5) o.size = core::pdf::PageSize::iso(kSizes[s]);
    else
        o.size = core::pdf::PageSize::from_mm(m_width->GetValue() * 10, m_height->GetValue() * 10,
                                              str(wxString::Format("%gx%gcm", m_width->GetValue(), m_height->GetValue())));
    o.orientation = m_orientation->GetSelection() == 1 ? core::pdf::Orientation::portrait : core::pdf::Orientation::landscape;
    if (m_tile->GetSelection() == 1) o.tile = core::pdf::PageSize::iso("A4");
    if (m_tile->GetSelection() == 2) o.tile = core::pdf::PageSize::iso("A3");
    return o;
}

bool BoardDialog::render(const std::filesystem::path& out) {
    int i = m_template->GetSelection();
    if (i < 0) return false;
    core::BoardTemplate t = m_templates.all().at(i);
    core::BoardOptions opt = options();
    core::PublicView view = core::make_public_view(m_shell.archive(), core::Date::today(), &m_shell.plugins());
    core::BoardResult r;
    bool done = run_task(this, _("正在排版展板"), [&](TaskControl& c) {
        c.progress(-1, fmt("正在排版《{title}》…", {{"title", t.title}}));
        r = core::render_board(t, view, opt, out);
    });
    if (!done) {
        std::error_code ec;
        std::filesystem::remove(out, ec);
        return false;
    }
    m_result = r;
    wxString info = fmt("{size}，{pages} 页，正文 {body} 磅，{kb} KB",
                        {{"size", r.size.describe()},
                         {"pages", std::to_string(r.pages)},
                         {"body", str(wxString::Format("%.1f", r.body_size))},
                         {"kb", str(wxString::Format("%.1f", static_cast<double>(r.bytes) / 1024.0))}});
    // How many sheets the printer will use: the grid less those that would carry only crop marks.
    if (r.sheets > 0 && r.skipped_sheets > 0)
        info +=
            "\n" + fmt("打印 {sheets} 张 {sheet} 纸（{columns} 列 × {rows} 行，空白的 {skipped} 张不打印；带裁切线和对位标记）",
                       {{"sheets", std::to_string(r.sheets)},
                        {"sheet", opt.tile->name},
                        {"skipped", std::to_string(r.skipped_sheets)},
                        {"columns", std::to_string(r.tile_columns)},
                        {"rows", std::to_string(r.tile_rows)}});
    else if (r.sheets > 0)
        info += "\n" + fmt("打印 {sheets} 张 {sheet} 纸（{columns} 列 × {rows} 行，带裁切线和对位标记）",
                           {{"sheets", std::to_string(r.sheets)},
                            {"sheet", opt.tile->name},
                            {"columns", std::to_string(r.tile_columns)},
                            {"rows", std::to_string(r.tile_rows)}});
    else info += "\n" + fmt("打印 1 张 {size} 纸", {{"size", r.size.describe()}});
    if (!r.unfilled.empty()) {
        std::string names;
        for (const auto& n : r.unfilled) names += (names.empty() ? "" : _("、")) + tr_ui(core::board_field_label(n));
        info += "\n" + fmt("档案中没有数据、印成空白待手写的栏目：{names}", {{"names", names}});
    }
    m_info->SetLabel(info);
    m_info->Wrap(340);
    Layout();
    return true;
}

bool BoardDialog::preview() {
    auto pdf = m_scratch / "preview.pdf";
    bool ok = false;
    guarded(this, [&] { ok = render(pdf); });
    if (!ok) return false;
    // Page 1 of the actual PDF, rasterised by poppler (installed with the set-up) to fit the pane.
    auto prefix = m_scratch / "preview";
    m_png = m_scratch / "preview.png";
    std::error_code ec;
    std::filesystem::remove(m_png, ec);
    std::string cmd = "pdftoppm -png -f 1 -l 1 -singlefile -scale-to " + std::to_string(kPreviewW) + " " +
                      shell_quote(pdf.string()) + " " + shell_quote(prefix.string()) + " 2>/dev/null";
    int rc = std::system(cmd.c_str());
    wxImage img;
    if (rc != 0 || !std::filesystem::exists(m_png) || !img.LoadFile(wx(m_png.string()), wxBITMAP_TYPE_PNG)) {
        show_error(this, _("无法生成预览图（需要 poppler-utils 的 pdftoppm）。PDF 本身已正常生成，可以保存后打开查看。"));
        return false;
    }
    double scale = std::min(static_cast<double>(kPreviewW) / img.GetWidth(), static_cast<double>(kPreviewH) / img.GetHeight());
    if (scale < 1)
        img.Rescale(std::max(1, static_cast<int>(img.GetWidth() * scale)), std::max(1, static_cast<int>(img.GetHeight() * scale)),
                    wxIMAGE_QUALITY_HIGH);
    // Centre on a grey "table" so the page's edges show.
    wxImage canvas(kPreviewW, kPreviewH);
    canvas.SetRGB(wxRect(0, 0, kPreviewW, kPreviewH), 0x9E, 0x9E, 0x9E);
    canvas.Paste(img, (kPreviewW - img.GetWidth()) / 2, (kPreviewH - img.GetHeight()) / 2);
    m_bitmap->SetBitmap(wxBitmap(canvas));
    Layout();
    return true;
}

bool BoardDialog::save(const std::filesystem::path& out) {
    bool ok = false;
    guarded(this, [&] { ok = render(out); });
    if (!ok) return false;
    m_saved = out;
    m_open->Enable();
    m_shell.set_status(fmt("已保存展板 {file}", {{"file", out.string()}}));
    return true;
}

void BoardDialog::edit_fields() {
    // The board texts the secretary types for the wall (archive settings board.<key>).
    wxDialog dlg(this, wxID_ANY, _("公示栏目"), wxDefaultPosition, wxSize(720, 480), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
    dlg.SetName("board_fields_dialog");
    auto* box = new wxBoxSizer(wxVERTICAL);
    box->Add(new wxStaticText(&dlg, wxID_ANY, _("这些文字会印在公示牌上（公开内容）。多行内容用回车分隔。")), 0, wxALL, 10);
    auto* grid = named(new wxGrid(&dlg, wxID_ANY), "board_fields_grid");
    const auto& keys = core::board_setting_keys();
    grid->CreateGrid(static_cast<int>(keys.size()), 1);
    grid->SetColLabelValue(0, _("内容"));
    grid->SetRowLabelSize(160);
    grid->SetColSize(0, 500);
    auto& a = m_shell.archive();
    for (std::size_t i = 0; i < keys.size(); ++i) {
        grid->SetRowLabelValue(static_cast<int>(i), wtr(core::board_field_label(keys[i]))); // its name, not its key
        grid->SetCellValue(static_cast<int>(i), 0, wx(a.setting("board." + keys[i])));
        grid->SetCellEditor(static_cast<int>(i), 0, new wxGridCellAutoWrapStringEditor);
    }
    box->Add(grid, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
    box->Add(ok_cancel_row(&dlg, _("保存")), 0, wxEXPAND | wxALL, 10);
    dlg.SetSizer(box);
    dlg.CentreOnParent();
    if (dlg.ShowModal() != wxID_OK) return;
    grid->SaveEditControlValue();
    if (guarded(this, [&] {
            core::Transaction tx(a.db());
            for (std::size_t i = 0; i < keys.size(); ++i) {
                std::string v = str(grid->GetCellValue(static_cast<int>(i), 0));
                if (v != a.setting("board." + keys[i])) core::set_board_setting(a, keys[i], v);
            }
            tx.commit();
        }))
        preview();
}

} // namespace onebook::shell
