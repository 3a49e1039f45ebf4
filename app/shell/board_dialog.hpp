// Book → 制作展板: pick a template, size, orientation and tiling; preview page 1 of the actual PDF
// (rendered by the board engine, rasterised with pdftoppm); save; open the PDF with the system viewer.
#pragma once

#include "view.hpp"

#include "onebook/board.hpp"

#include <wx/dialog.h>

#include <filesystem>

class wxChoice;
class wxRadioBox;
class wxSpinCtrl;
class wxSpinCtrlDouble;
class wxStaticBitmap;
class wxStaticText;
class wxButton;
class wxSizer;

namespace onebook::shell {

class BoardDialog : public wxDialog {
public:
    BoardDialog(wxWindow* parent, Shell& shell, const std::string& template_id = {});
    ~BoardDialog() override;

    /// Renders with the current choices into a scratch file and shows its first page. True on success.
    bool preview();
    /// Renders into `out` (what "保存 PDF…" does after asking for the file). True on success.
    bool save(const std::filesystem::path& out);
    /// Selects a template by id (tests); false when there is none.
    bool choose_template(const std::string& id);
    const core::BoardResult& result() const { return m_result; }
    const std::filesystem::path& saved() const { return m_saved; }
    const std::filesystem::path& preview_png() const { return m_png; }

private:
    // The constructor's parts: the choices column (with the custom size row) and the button row.
    wxSizer* build_choices();
    wxSizer* build_custom_size();
    wxSizer* build_buttons();
    core::BoardOptions options() const;
    bool render(const std::filesystem::path& out);
    void template_changed();
    void edit_fields();

    Shell& m_shell;
    core::BoardTemplates m_templates;
    core::BoardResult m_result;
    std::filesystem::path m_scratch, m_png, m_saved;
    wxChoice *m_template, *m_size, *m_tile;
    wxRadioBox* m_orientation;
    wxSpinCtrlDouble *m_width, *m_height;
    wxStaticBitmap* m_bitmap;
    wxStaticText *m_info, *m_desc;
    wxButton* m_open;
};

} // namespace onebook::shell
