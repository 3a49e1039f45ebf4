#include "fonds_dialog.hpp"

#include "ui_util.hpp"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace onebook::shell {

FondsDialog::FondsDialog(wxWindow* parent) : wxDialog(parent, wxID_ANY, _("填写全宗号")) {
    SetName("fonds_dialog");
    auto* box = new wxBoxSizer(wxVERTICAL);
    auto* text = new wxStaticText(
        this, wxID_ANY,
        _("全宗号是档案馆给每个立档单位编的代号（例如 Z031），是每件归档文件档号的第一段（《归档文件整理规则》DA/T 22-2015）。") +
            "\n\n" + _("它由当地档案馆或上级党委的档案部门给定；不知道时，请向上级党委办公室询问。") + "\n\n" +
            _("档号一经编制就印在归档文件目录上，所以归档前必须先填写全宗号。也可以以后再填：文件暂不归档，什么也不会改变。"));
    text->Wrap(460);
    box->Add(text, 0, wxALL, 12);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticText(this, wxID_ANY, _("全宗号")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
    m_code = named(new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(160, -1)), "fonds_code");
    m_code->SetHint("Z031");
    row->Add(m_code, 0);
    box->Add(row, 0, wxLEFT | wxRIGHT | wxBOTTOM, 12);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->AddStretchSpacer();
    auto* ok = new wxButton(this, wxID_OK, _("保存并归档"));
    auto* later = named(new wxButton(this, later_id, _("以后再填")), "fonds_later");
    ok->SetDefault();
    buttons->Add(ok, 0, wxRIGHT, 8);
    buttons->Add(later);
    box->Add(buttons, 0, wxEXPAND | wxALL, 12);
    SetSizerAndFit(box);
    SetEscapeId(later_id);
    CentreOnParent();
    later->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(later_id); });
    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (code().empty()) {
            show_error(this, _("请填写全宗号，或选择“以后再填”"));
            m_code->SetFocus();
            return;
        }
        EndModal(wxID_OK);
    });
    m_code->SetFocus();
}

std::string FondsDialog::code() const { return trim(str(m_code->GetValue())); }

} // namespace onebook::shell
