#include "dialogs.hpp"

#include "ui_util.hpp"

#include "onebook/journal.hpp"
#include "onebook/plugin_api.hpp"
#include "onebook/sectors.hpp"

#include <wx/bitmap.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/config.h>
#include <wx/dcmemory.h>
#include <wx/graphics.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <cmath>

#ifndef ONEBOOK_VERSION
#define ONEBOOK_VERSION "0.0"
#endif

namespace onebook::shell {

const char* version() { return ONEBOOK_VERSION; }

PluginsDialog::PluginsDialog(wxWindow* parent, const core::PluginHost& plugins)
    : wxDialog(parent, wxID_ANY, _("插件"), wxDefaultPosition, wxSize(860, 480), wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
    SetName("plugins_dialog");
    auto* box = new wxBoxSizer(wxVERTICAL);
    box->Add(
        new wxStaticText(this, wxID_ANY, fmt("已加载的插件（{count}）", {{"count", std::to_string(plugins.loaded().size())}})), 0,
        wxALL, 10);
    auto* loaded = named(new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 200), wxLC_REPORT | wxLC_SINGLE_SEL),
                         "plugins_loaded");
    loaded->AppendColumn(_("标识"), wxLIST_FORMAT_LEFT, 100);
    loaded->AppendColumn(_("名称"), wxLIST_FORMAT_LEFT, 160);
    loaded->AppendColumn(_("版本"), wxLIST_FORMAT_LEFT, 70);
    loaded->AppendColumn(_("行业"), wxLIST_FORMAT_LEFT, 150);
    loaded->AppendColumn(_("类型"), wxLIST_FORMAT_LEFT, 80);
    loaded->AppendColumn(_("位置"), wxLIST_FORMAT_LEFT, 260);
    bool zh = language() == app::UiLanguage::Chinese;
    for (const auto& p : plugins.loaded()) {
        const auto& m = p->manifest();
        auto info = core::sector_info(*p);
        long i = loaded->InsertItem(loaded->GetItemCount(), wx(m.id));
        loaded->SetItem(i, 1, wx(zh || m.name_en.empty() ? m.name_zh : m.name_en));
        loaded->SetItem(i, 2, wx(m.version));
        loaded->SetItem(i, 3,
                        wx((zh || info.name_en.empty() ? info.name_zh : info.name_en) +
                           (info.default_form.empty() ? "" : " · " + tr_ui(info.default_form))));
        loaded->SetItem(i, 4, p->has_code() ? _("代码+数据") : _("数据"));
        loaded->SetItem(i, 5, wx(m.folder.string()));
    }
    box->Add(loaded, 1, wxEXPAND | wxLEFT | wxRIGHT, 10);
    box->Add(
        new wxStaticText(this, wxID_ANY, fmt("未加载的插件（{count}）", {{"count", std::to_string(plugins.rejected().size())}})),
        0, wxALL, 10);
    auto* rejected = named(new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 110), wxLC_REPORT | wxLC_SINGLE_SEL),
                           "plugins_rejected");
    rejected->AppendColumn(_("标识"), wxLIST_FORMAT_LEFT, 100);
    rejected->AppendColumn(_("位置"), wxLIST_FORMAT_LEFT, 240);
    rejected->AppendColumn(_("原因"), wxLIST_FORMAT_LEFT, 480);
    for (const auto& r : plugins.rejected()) {
        long i = rejected->InsertItem(rejected->GetItemCount(), wx(r.id));
        rejected->SetItem(i, 1, wx(r.folder.string()));
        rejected->SetItem(i, 2, msg(r.reason));
    }
    box->Add(rejected, 0, wxEXPAND | wxLEFT | wxRIGHT, 10);
    box->Add(new wxStaticText(this, wxID_ANY,
                              fmt("插件接口版本 {api}，构建标识 {build}",
                                  {{"api", std::to_string(ONEBOOK_PLUGIN_API_VERSION)}, {"build", core::build_id()}})),
             0, wxALL, 10);
    box->Add(close_row(this), 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    SetSizer(box);
    CentreOnParent();
}

AboutDialog::AboutDialog(wxWindow* parent, const core::PluginHost& plugins) : wxDialog(parent, wxID_ANY, _("关于党建一本通")) {
    SetName("about_dialog");
    auto* box = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(new wxStaticBitmap(this, wxID_ANY, wxBitmap(app_icons().GetIcon(64))), 0, wxALL, 12);
    auto* text = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, _("党建一本通") + " " + version());
    title->SetFont(title->GetFont().Bold().Scaled(1.4f));
    text->Add(title, 0, wxBOTTOM, 6);
    text->Add(new wxStaticText(this, wxID_ANY,
                               _("基层党组织标准化档案管理：一本通台账、会议记录、规则检查、考核评分、整改台账和公示展板。") +
                                   "\n" + _("一次留痕、统一评判。")),
              0, wxBOTTOM, 6);
    text->Add(
        new wxStaticText(this, wxID_ANY, fmt("已加载 {count} 个行业插件", {{"count", std::to_string(plugins.loaded().size())}})));
    text->Add(new wxStaticText(this, wxID_ANY, wxGetLibraryVersionInfo().GetVersionString()));
    top->Add(text, 1, wxALL, 12);
    box->Add(top);
    box->Add(close_row(this), 0, wxEXPAND | wxALL, 10);
    SetSizerAndFit(box);
    CentreOnParent();
}

PreferencesDialog::PreferencesDialog(wxWindow* parent) : wxDialog(parent, wxID_ANY, _("首选项")) {
    SetName("preferences_dialog");
    auto* box = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, 8, 8);
    m_language = named(new wxChoice(this, wxID_ANY), "pref_language");
    m_language->Append(_("跟随系统"));
    m_language->Append(wx("中文（简体）"));
    m_language->Append(wx("English"));
    wxString current = wxConfigBase::Get()->Read("/Language", "auto");
    m_language->SetSelection(current == "zh" ? 1 : current == "en" ? 2 : 0);
    add_row(this, grid, _("界面语言"), m_language);
    // Whom the history (全程纪实) names for this computer's changes; empty: the OS user.
    m_operator =
        named(new wxTextCtrl(this, wxID_ANY, wxConfigBase::Get()->Read("/Journal/Name", ""), wxDefaultPosition, wxSize(220, -1)),
              "pref_operator_name");
    m_operator->SetHint(wxString::Format(_("留空则用系统用户名（%s）"), wx(core::os_user_name())));
    add_row(this, grid, _("操作人姓名"), m_operator);
    box->Add(grid, 0, wxALL, 12);
    box->Add(ok_cancel_row(this), 0, wxEXPAND | wxALL, 12);
    SetSizerAndFit(box);
    CentreOnParent();
}

std::string PreferencesDialog::operator_name() const {
    wxString name = m_operator->GetValue();
    return str(name.Trim().Trim(false));
}

std::string PreferencesDialog::language_choice() const {
    switch (m_language->GetSelection()) {
    case 1: return "zh";
    case 2: return "en";
    default: return "auto";
    }
}

wxIconBundle app_icons() {
    wxIconBundle bundle;
    for (int size : {16, 24, 32, 48, 64, 128}) {
        wxBitmap bmp(size, size, 32);
        bmp.UseAlpha();
        {
            wxMemoryDC dc(bmp);
            dc.SetBackground(*wxTRANSPARENT_BRUSH);
            dc.Clear();
            std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
            if (gc) {
                double s = size / 64.0;
                gc->SetPen(*wxTRANSPARENT_PEN);
                gc->SetBrush(wxBrush(wxColour(0, 0, 0, 0)));
                gc->DrawRectangle(0, 0, size, size);
                // Book: red cover with a lighter spine and page edge.
                gc->SetBrush(wxBrush(wxColour(0xB7, 0x1C, 0x1C)));
                gc->DrawRoundedRectangle(10 * s, 6 * s, 46 * s, 52 * s, 4 * s);
                gc->SetBrush(wxBrush(wxColour(0x8E, 0x12, 0x12)));
                gc->DrawRectangle(10 * s, 6 * s, 8 * s, 52 * s);
                gc->SetBrush(wxBrush(wxColour(0xFF, 0xF8, 0xE1)));
                gc->DrawRectangle(18 * s, 52 * s, 38 * s, 4 * s);
                // Gold five-pointed star.
                wxGraphicsPath star = gc->CreatePath();
                double cx = 37 * s, cy = 28 * s, r1 = 13 * s, r2 = 5.2 * s;
                for (int i = 0; i < 10; ++i) {
                    double r = i % 2 ? r2 : r1;
                    double a = -M_PI / 2 + i * M_PI / 5;
                    if (i == 0) star.MoveToPoint(cx + r * std::cos(a), cy + r * std::sin(a));
                    else star.AddLineToPoint(cx + r * std::cos(a), cy + r * std::sin(a));
                }
                star.CloseSubpath();
                gc->SetBrush(wxBrush(wxColour(0xFF, 0xD5, 0x4F)));
                gc->FillPath(star);
            }
            dc.SelectObject(wxNullBitmap);
        }
        wxIcon icon;
        icon.CopyFromBitmap(bmp);
        bundle.AddIcon(icon);
    }
    return bundle;
}

} // namespace onebook::shell
