#include "main_frame.hpp"
#include "superior_desk_view.hpp"

#include "combo_focus.hpp"
#include "movements_view.hpp"
#include "office_actions.hpp"
#include "onebook/archive/superior_desk.hpp"
#include "pipeline_view.hpp"
#include "plugin_i18n.hpp"
#include "read_only_branch.hpp"
#include "safety_net.hpp"
#include "shell_platform.hpp"

#include "dialogs.hpp"
#include "overview_view.hpp"
#include "section_view.hpp"
#include "ui_util.hpp"

#include "onebook/archive/file_store.hpp"
#include "onebook/organisation_store.hpp"
#include "onebook/roster.hpp"

#include <wx/button.h>
#include <wx/config.h>
#include <wx/dcclient.h>
#include <wx/filedlg.h>
#include <wx/menu.h>
#include <wx/panel.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/splitter.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/treectrl.h>
#include <wx/wupdlock.h>

#include <algorithm>
#include <filesystem>

namespace onebook::shell {

namespace {

wxWindow* find_child(wxWindow* root, const char* name) { return wxWindow::FindWindowByName(name, root); }

enum {
    ID_NEW = menu_id::new_archive,
    ID_OPEN = menu_id::open_archive,
    ID_CLOSE = menu_id::close_archive,
    ID_PREFS = menu_id::preferences,
    ID_BOOK_PDF = menu_id::book_pdf,
    ID_PACKAGE_EXPORT = menu_id::package_export,
    ID_PACKAGE_IMPORT = menu_id::package_import,
    ID_SUMMARY = menu_id::summary,
    ID_BOARD = menu_id::board,
    ID_PLUGINS = menu_id::plugins,
    ID_ABOUT = menu_id::about,
};

class TreeNode : public wxTreeItemData {
public:
    explicit TreeNode(Target t) : target(std::move(t)) {}
    Target target;
};

} // namespace

MainFrame::MainFrame(core::PluginHost& plugins)
    : wxFrame(nullptr, wxID_ANY, _("党建一本通"), wxDefaultPosition, wxSize(1280, 720)), m_plugins(plugins),
      m_year_value(core::Date::today().year()), m_history(9) {
    SetName("main_frame");
    // wxGTK would hold the first show back until the window manager reports the frame extents
    // (shell_platform_gtk.cpp says why that hurts); the frame is maximised on laptops anyway.
    show_at_once(this);
    install_one_tab_stop_per_combo();
    // The plugins' own translations of their data (rule descriptions, rubric titles) for English.
    guarded(nullptr, [&] { app::add_plugin_messages(plugins); });
    SetMinSize(wxSize(960, 560));
    SetIcons(app_icons());

    auto* root = new wxPanel(this);
    auto* box = new wxBoxSizer(wxVERTICAL);
    box->Add(build_top_bar(root), 0, wxEXPAND | wxTOP | wxBOTTOM, 6);
    m_banner = new ReadOnlyBanner(root);
    m_banner->Hide();
    m_banner->back()->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { back_to_desk(); });
    box->Add(m_banner, 0, wxEXPAND);
    build_split(root);
    box->Add(m_split, 1, wxEXPAND);
    root->SetSizer(box);

    CreateStatusBar(2);
    int widths[] = {-3, -2};
    GetStatusBar()->SetStatusWidths(2, widths);

    auto* config = wxConfigBase::Get();
    config->SetPath("/RecentFiles");
    // Set the style before any menu exists: changing it relabels the menus' items.
    m_history.SetMenuPathStyle(wxFH_PATH_SHOW_ALWAYS);
    m_history.Load(*config);
    config->SetPath("/");
    install_discard_guard();
    build_menus();

    m_tree->Bind(wxEVT_TREE_SEL_CHANGED, &MainFrame::on_tree_selection, this);
    m_search->Bind(wxEVT_SEARCHCTRL_SEARCH_BTN, [this](wxCommandEvent&) { search(str(m_search->GetValue())); });
    m_search->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { search(str(m_search->GetValue())); });
    m_year->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) { set_year(m_year->GetValue()); });
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        remember_window_size();
        e.Skip();
    });

    build_tree();
    show_view({"welcome", 0, {}});
    update_title();
}

/// Top bar: organisation, year, search.
wxSizer* MainFrame::build_top_bar(wxWindow* root) {
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    m_org_label = new wxStaticText(root, wxID_ANY, "");
    m_org_label->SetFont(m_org_label->GetFont().Bold().Scaled(1.15f));
    bar->Add(m_org_label, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, 10);
    m_year_label = new wxStaticText(root, wxID_ANY, _("年度"));
    bar->Add(m_year_label, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    // GTK's natural size: narrower than the spin button's entry + two buttons is a Gtk-CRITICAL.
    m_year = named(
        new wxSpinCtrl(root, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1990, 2100, m_year_value), "year");
    // Four digits and GTK's two buttons: a fixed 110 pixels was less than GTK needs (criticals at
    // start-up, a cramped box).
    size_spin(m_year, "20000");
    bar->Add(m_year, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 16);
    m_search = named(new wxSearchCtrl(root, wxID_ANY, "", wxDefaultPosition, wxSize(260, -1), wxTE_PROCESS_ENTER), "search");
    m_search->SetDescriptiveText(_("搜索一本通"));
    bar->Add(m_search, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 10);
    return bar;
}

/// The book's tree on the left, the current view's host on the right.
void MainFrame::build_split(wxWindow* root) {
    m_split = new wxSplitterWindow(root, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
    m_split->SetMinimumPaneSize(180);
    m_tree = named(new wxTreeCtrl(m_split, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                  wxTR_DEFAULT_STYLE | wxTR_HIDE_ROOT | wxTR_FULL_ROW_HIGHLIGHT | wxTR_NO_LINES),
                   "book_tree");
    m_host = new wxPanel(m_split, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "view_host");
    m_host->SetSizer(new wxBoxSizer(wxVERTICAL));
    m_split->SplitVertically(m_tree, m_host, 240);
}

/// The size of a normal window, for the next start (a maximised one is remembered as such).
void MainFrame::remember_window_size() {
    auto* cfg = wxConfigBase::Get();
    if (!IsMaximized() && !IsIconized()) {
        cfg->Write("/Window/Width", GetSize().x);
        cfg->Write("/Window/Height", GetSize().y);
    }
    cfg->Write("/Window/Maximized", IsMaximized());
    cfg->Flush();
}

MainFrame::~MainFrame() {
    auto* config = wxConfigBase::Get(false);
    if (config) {
        config->SetPath("/RecentFiles");
        m_history.Save(*config);
        config->SetPath("/");
        config->Flush();
    }
}

core::Archive& MainFrame::archive() {
    if (!m_archive) throw core::Error(OB_N("没有打开的档案"));
    return *m_archive;
}

core::Organisation MainFrame::home() {
    if (m_viewing) return *m_viewing;
    if (!m_home) m_home = archive().home();
    return *m_home;
}

void MainFrame::build_menus() {
    // Built once: replacing the menu bar of a shown frame made GTK stop allocating the views created
    // after it (blank right pane), and re-binding on every rebuild stacked the handlers.
    auto* menubar = new wxMenuBar;
    auto* file = build_file_menu();
    auto* record = new wxMenu;
    add_menu_item(record, menu_id::new_record, OB_N("新建记录(&N)…"), "\tCtrl+N");
    add_menu_item(record, menu_id::find, OB_N("搜索(&F)"), "\tCtrl+F");
    add_menu_item(record, menu_id::refresh, OB_N("刷新(&R)"), "\tF5");
    auto* book = build_book_menu();
    auto* help = new wxMenu;
    add_menu_item(help, ID_PLUGINS, OB_N("插件(&P)…"));
    add_menu_item(help, ID_ABOUT, OB_N("关于党建一本通(&A)…"));
    auto* edit = build_edit_menu();

    m_menu_titles = {OB_N("文件(&F)"), OB_N("编辑(&E)"), OB_N("记录(&R)"), OB_N("一本通(&B)"), OB_N("帮助(&H)")};
    menubar->Append(file, "-");
    menubar->Append(edit, "-");
    menubar->Append(record, "-");
    menubar->Append(book, "-");
    menubar->Append(help, "-");
    SetMenuBar(menubar);
    label_menus();
    bind_archive_items();
    bind_work_items();
    enable_menus();
}

void MainFrame::add_menu_item(wxMenu* menu, int id, const char* msgid, const char* accel) {
    menu->Append(id, wxString("-")); // labelled by label_menus()
    m_menu_labels.push_back({id, msgid, accel});
}

wxMenu* MainFrame::build_file_menu() {
    auto* file = new wxMenu;
    add_menu_item(file, ID_NEW, OB_N("新建档案(&N)…"), "\tCtrl+Shift+N");
    add_menu_item(file, ID_OPEN, OB_N("打开档案(&O)…"), "\tCtrl+O");
    auto* recent = new wxMenu;
    file->Append(menu_id::open_archive + 1000, wxString("-"), recent);
    m_menu_labels.push_back({menu_id::open_archive + 1000, OB_N("最近的档案(&R)"), ""});
    m_history.UseMenu(recent);
    m_history.AddFilesToMenu(recent);
    add_menu_item(file, ID_CLOSE, OB_N("关闭档案(&C)"), "\tCtrl+W");
    file->AppendSeparator();
    add_menu_item(file, menu_id::save, OB_N("保存(&S)"), "\tCtrl+S");
    add_menu_item(file, safety_id::backup, OB_N("备份与恢复(&K)…"));
    file->AppendSeparator();
    add_menu_item(file, ID_PREFS, OB_N("首选项(&P)…"));
    file->AppendSeparator();
    add_menu_item(file, wxID_EXIT, OB_N("退出(&X)"), "\tCtrl+Q");
    return file;
}

wxMenu* MainFrame::build_book_menu() {
    auto* book = new wxMenu;
    add_menu_item(book, ID_BOOK_PDF, OB_N("导出一本通 PDF(&P)…"));
    const int id_book_print = wxWindow::NewControlId();
    add_menu_item(book, id_book_print, OB_N("打印一本通(&T)…"));
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (has_archive()) print_book(this, *this);
        },
        id_book_print);
    add_menu_item(book, ID_BOARD, OB_N("制作展板(&B)…"));
    book->AppendSeparator();
    add_menu_item(book, ID_PACKAGE_EXPORT, OB_N("导出档案包(&E)…"));
    add_menu_item(book, ID_PACKAGE_IMPORT, OB_N("导入档案包(&I)…"));
    book->AppendSeparator();
    add_menu_item(book, ID_SUMMARY, OB_N("分类定级汇总(&S)…"));
    return book;
}

// 编辑: the safety net (undo, redo, history, recycle bin); its actions live in safety_menu.cpp.
wxMenu* MainFrame::build_edit_menu() {
    auto* edit = new wxMenu;
    add_menu_item(edit, safety_id::undo, OB_N("撤销(&U)"), "\tCtrl+Z");
    add_menu_item(edit, safety_id::redo, OB_N("重做(&R)"), "\tCtrl+Y");
    edit->AppendSeparator();
    add_menu_item(edit, safety_id::history, OB_N("全程纪实（历史）(&H)…"));
    add_menu_item(edit, safety_id::object_history, OB_N("当前内容的历史…"), "\tCtrl+H");
    add_menu_item(edit, safety_id::trash, OB_N("回收站(&T)…"));
    edit->AppendSeparator();
    add_menu_item(edit, safety_id::name, OB_N("操作人姓名(&N)…"));
    return edit;
}

/// The 文件 menu's actions: archives in and out, preferences, quitting.
void MainFrame::bind_archive_items() {
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { new_archive(); }, ID_NEW);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            wxFileDialog dlg(this, _("打开档案"), "", "", _("OneBook 档案 (*.onebook)|*.onebook|所有文件|*"),
                             wxFD_OPEN | wxFD_FILE_MUST_EXIST);
            if (dlg.ShowModal() == wxID_OK) open_archive(str(dlg.GetPath()));
        },
        ID_OPEN);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { close_archive(); }, ID_CLOSE);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            // Every change is stored as it is made; say so rather than do nothing.
            set_status(_("所有修改在确定时已经保存到档案，无需另行保存"));
        },
        menu_id::save);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { show_preferences(); }, ID_PREFS);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent& e) {
            wxString path = m_history.GetHistoryFile(e.GetId() - wxID_FILE1);
            if (!path.empty()) open_archive(str(path));
        },
        wxID_FILE1, wxID_FILE9);
}

/// The 记录, 一本通 and 帮助 menus' actions.
void MainFrame::bind_work_items() {
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { new_record(); }, menu_id::new_record);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            m_search->SetFocus();
            m_search->SelectAll();
        },
        menu_id::find);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (!m_view) return;
            m_home.reset();
            update_title();
            if (guarded(this, [&] { reload_view(); })) set_status(_("已刷新"));
        },
        menu_id::refresh);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { export_book_pdf(); }, ID_BOOK_PDF);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { make_board(); }, ID_BOARD);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { export_package(); }, ID_PACKAGE_EXPORT);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { import_package(); }, ID_PACKAGE_IMPORT);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { district_summary(); }, ID_SUMMARY);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { show_plugins(); }, ID_PLUGINS);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { show_about(); }, ID_ABOUT);
}

void MainFrame::label_menus() {
    auto* bar = GetMenuBar();
    if (!bar) return;
    for (const auto& l : m_menu_labels)
        if (auto* item = bar->FindItem(l.id)) item->SetItemLabel(wtr(l.msgid) + l.accel);
    for (std::size_t i = 0; i < m_menu_titles.size() && i < bar->GetMenuCount(); ++i) bar->SetMenuLabel(i, wtr(m_menu_titles[i]));
}

void MainFrame::enable_menus() {
    auto* bar = GetMenuBar();
    if (!bar) return;
    bool open = has_archive();
    for (int id : {int(ID_CLOSE), int(ID_BOOK_PDF), int(ID_SUMMARY), int(menu_id::find)}) bar->Enable(id, open);
    // A branch viewed read-only in a superior's archive is only looked at.
    for (int id : {int(ID_BOARD), int(ID_PACKAGE_EXPORT), int(ID_PACKAGE_IMPORT), int(menu_id::new_record), int(menu_id::save)})
        bar->Enable(id, open && !m_viewing);
    bind_safety_net(*this, bar); // binds once, enables its items with the archive
}

void MainFrame::new_record() {
    if (!has_archive()) return;
    auto* add = m_view ? find_child(m_view, "records_add") : nullptr;
    if (!add) {
        navigate({"section:activities.three_meetings", 0, {}});
        add = m_view ? find_child(m_view, "records_add") : nullptr;
    }
    if (!add || !add->IsEnabled()) return;
    wxCommandEvent e(wxEVT_BUTTON, add->GetId());
    e.SetEventObject(add);
    add->GetEventHandler()->ProcessEvent(e);
}

void MainFrame::build_tree() {
    m_building_tree = true;
    m_tree->DeleteAllItems();
    auto root = m_tree->AddRoot("");
    m_sections.clear();
    if (!has_archive()) {
        m_building_tree = false;
        return;
    }
    guarded(this, [&] { m_sections = archive::book_sections(m_plugins, home().sector); });
    // A superior's archive opens on its desk of branches (superior_desk_view.cpp).
    if (archive::is_superior_archive(*m_archive))
        m_tree->SetItemBold(m_tree->AppendItem(root, _("上级工作台"), -1, -1, new TreeNode({"desk", 0, {}})));
    for (const auto& ch : archive::chapters()) {
        auto chapter = m_tree->AppendItem(root, wx(tr_ui(ch.title)), -1, -1, new TreeNode({"chapter:" + ch.id, 0, {}}));
        m_tree->SetItemBold(chapter);
        // Dashboards the shell adds to the book's sections: plan vs done, and the rules check.
        if (ch.id == "activities") m_tree->AppendItem(chapter, _("年度计划与完成情况"), -1, -1, new TreeNode({"plan", 0, {}}));
        if (ch.id == "work") m_tree->AppendItem(chapter, _("规则检查"), -1, -1, new TreeNode({"rules", 0, {}}));
        for (const auto& s : m_sections)
            if (s.chapter == ch.id)
                m_tree->AppendItem(chapter, wx(tr_ui(s.title)), -1, -1, new TreeNode({"section:" + s.id, 0, {}}));
        if (ch.id == "basic") m_tree->AppendItem(chapter, _("发展党员"), -1, -1, new TreeNode({"pipeline", 0, {}}));
        if (ch.id == "basic") m_tree->AppendItem(chapter, _("组织关系转接"), -1, -1, new TreeNode({"movements", 0, {}}));
        m_tree->Expand(chapter);
    }
    m_building_tree = false;
    // The tree as wide as its longest label (English ones are longer), within a third of the window.
    wxClientDC dc(m_tree);
    dc.SetFont(m_tree->GetFont().Bold());
    int widest = 0;
    wxTreeItemIdValue c1;
    for (auto ch = m_tree->GetFirstChild(root, c1); ch.IsOk(); ch = m_tree->GetNextChild(root, c1)) {
        widest = std::max(widest, dc.GetTextExtent(m_tree->GetItemText(ch)).x + 30);
        wxTreeItemIdValue c2;
        for (auto s = m_tree->GetFirstChild(ch, c2); s.IsOk(); s = m_tree->GetNextChild(ch, c2))
            widest = std::max(widest, dc.GetTextExtent(m_tree->GetItemText(s)).x + 56);
    }
    int sash = std::clamp(widest, 240, std::max(240, GetClientSize().x / 4 + 40)); // grids keep their room at 1024
    if (m_split->IsSplit()) m_split->SetSashPosition(sash);
}

void MainFrame::on_tree_selection(wxTreeEvent& e) {
    if (m_building_tree) return;
    auto* node = dynamic_cast<TreeNode*>(m_tree->GetItemData(e.GetItem()));
    if (!node || node->target.view == m_target.view) return;
    if (m_viewing && node->target.view == "desk") {
        CallAfter([this] { back_to_desk(); }); // not while the tree is in its selection event
        return;
    }
    // Arrow keys walk the book: the new view must not take the keyboard away from the tree.
    bool tree_had_focus = FindFocus() == m_tree;
    show_view(node->target);
    if (tree_had_focus) m_tree->SetFocus();
}

void MainFrame::navigate(const Target& target) {
    if (m_viewing && target.view == "desk") return back_to_desk();
    if (target.view != m_target.view || !m_view) show_view(target);
    if (m_view && (target.item || !target.ref.empty())) m_view->select_item(target);
    // Keep the tree in step without re-entering show_view().
    wxTreeItemIdValue c1;
    for (auto ch = m_tree->GetFirstChild(m_tree->GetRootItem(), c1); ch.IsOk();
         ch = m_tree->GetNextChild(m_tree->GetRootItem(), c1)) {
        auto check = [&](const wxTreeItemId& id) {
            auto* n = dynamic_cast<TreeNode*>(m_tree->GetItemData(id));
            if (n && n->target.view == target.view && m_tree->GetSelection() != id) {
                m_building_tree = true;
                m_tree->SelectItem(id);
                m_building_tree = false;
                return true;
            }
            return false;
        };
        if (check(ch)) return;
        wxTreeItemIdValue c2;
        for (auto s = m_tree->GetFirstChild(ch, c2); s.IsOk(); s = m_tree->GetNextChild(ch, c2))
            if (check(s)) return;
    }
}

void MainFrame::show_view(const Target& target) {
    // No wxWindowUpdateLocker here: wxGTK freezes a multi-line wxTextCtrl created under a frozen
    // parent by swapping its GtkTextBuffer, and setting its text later crashed GTK's text layout.
    if (m_view) {
        m_host->GetSizer()->Detach(m_view);
        m_view->Destroy();
        m_view = nullptr;
    }
    m_target = target;
    // A message about the previous view is stale once another one shows (unless it was just written
    // by the action that led here).
    if (m_status_time.Time() > 1500) SetStatusText(wxString(), 1);
    View* v = nullptr;
    guarded(this, [&] { v = create_view(target); });
    if (!v) {
        m_target = {"welcome", 0, {}};
        v = make_welcome_view(m_host, *this, m_history);
    }
    m_view = v;
    if (m_viewing) lock_read_only(m_view);
    m_host->GetSizer()->Add(m_view, 1, wxEXPAND);
    m_host->Layout();
}

View* MainFrame::create_view(const Target& target) {
    if (target.view == "welcome" || !has_archive()) return make_welcome_view(m_host, *this, m_history);
    if (target.view == "search") return make_search_view(m_host, *this, target.ref);
    if (target.view == "desk") return make_superior_desk_view(m_host, *this);
    if (target.view == "pipeline") return make_pipeline_view(m_host, *this);
    if (target.view == "movements") return make_movements_view(m_host, *this);
    if (target.view.rfind("section:", 0) == 0) {
        const auto* s = archive::find_section(m_sections, target.view.substr(8));
        if (!s) throw core::Error(OB_N("一本通中没有篇目“{section}”"), {{"section", target.view.substr(8)}});
        return make_section_view(m_host, *this, *s);
    }
    if (target.view.rfind("chapter:", 0) == 0) return make_chapter_view(m_host, *this, target.view.substr(8), m_sections);
    return make_special_view(m_host, *this, target);
}

bool MainFrame::open_archive(const std::string& path) {
    // The archive already open is held by this window's own lock: reopening it would report it
    // as locked by another program.
    std::error_code ec;
    if (has_archive() && std::filesystem::weakly_canonical(path, ec) == std::filesystem::weakly_canonical(archive().path(), ec)) {
        set_status(fmt("{file} 已经打开", {{"file", path}}));
        return true;
    }
    std::optional<core::Archive> opened;
    if (!guarded(this, [&] {
            // Plugins are loaded already; this only opens, migrates and locks the file.
            opened.emplace(core::Archive::open(path));
        }))
        return false;
    close_archive();
    m_archive = std::move(opened);
    m_home.reset();
    remember_recent(path);
    enable_menus();
    build_tree();
    update_title();
    // Start on 基本情况 → 组织概况 (the first section), as the book opens.
    navigate(archive::is_superior_archive(*m_archive) ? Target{"desk", 0, {}} : first_section());
    set_status(fmt("已打开 {file}", {{"file", path}}));
    // Read-only, a copy of another archive, no signing key here: said in the status bar (never a
    // modal dialog at open), as the CLI says it on stderr.
    archive::recover_after_crash(*m_archive);
    if (!m_archive->notices().empty()) set_status(msg(m_archive->notices().front()));
    safety_net_opened(*this);
    return true;
}

void MainFrame::close_archive() {
    if (!m_archive) return;
    if (m_view) {
        m_host->GetSizer()->Detach(m_view);
        m_view->Destroy();
        m_view = nullptr;
    }
    if (m_viewing) {
        m_viewing.reset();
        m_banner->Hide();
    }
    m_archive.reset(); // releases the lock
    m_home.reset();
    m_sections.clear();
    enable_menus();
    build_tree();
    show_view({"welcome", 0, {}});
    update_title();
}

void MainFrame::new_archive() {
    core::Organisation org;
    OrganisationDialog dlg(this, org, &m_plugins);
    if (dlg.ShowModal() != wxID_OK) return;
    std::string file = dlg.file();
    if (std::filesystem::path(file).extension() != ".onebook") file += ".onebook";
    if (guarded(this, [&] {
            if (auto folder = std::filesystem::path(file).parent_path(); !folder.empty())
                std::filesystem::create_directories(folder); // a fresh account may have no 文档 folder yet
            core::Archive created = core::Archive::create(file, dlg.organisation());
            created.set_records_start(dlg.records_start());
            // closed here, reopened below like any archive
        }))
        open_archive(file);
}

void MainFrame::remember_recent(const std::string& path) {
    std::string abs = std::filesystem::absolute(path).lexically_normal().string();
    m_history.AddFileToHistory(wx(abs));
    auto* config = wxConfigBase::Get();
    config->Write("/LastArchive", wx(abs));
    config->SetPath("/RecentFiles");
    m_history.Save(*config);
    config->SetPath("/");
    config->Flush();
}

void MainFrame::set_year(int year) {
    m_year_value = year;
    if (m_year->GetValue() != year) m_year->SetValue(year);
    reload_view();
}

void MainFrame::reload_view() {
    if (!m_view) return;
    m_view->reload();
    if (m_viewing) lock_read_only(m_view); // a reload may have made new buttons
}

Target MainFrame::first_section() const {
    for (const auto& s : m_sections)
        if (s.chapter == "basic") return {"section:" + s.id, 0, {}};
    return {"chapter:basic", 0, {}};
}

void MainFrame::archive_changed() {
    m_home.reset();
    update_title();
}

void MainFrame::set_status(const wxString& text) {
    SetStatusText(text, 1);
    m_status_time.Start();
}

void MainFrame::update_title() {
    if (!has_archive()) {
        SetTitle(_("党建一本通"));
        m_org_label->SetLabel(_("党建一本通"));
        SetStatusText(_("没有打开的档案"), 0);
        return;
    }
    auto org = home();
    if (m_viewing) m_banner->show_for(org.name);
    SetTitle(wx(org.name) + wx(" — ") + _("党建一本通"));
    m_org_label->SetLabel(wx(org.name));
    core::Roster roster(archive().db(), org.id);
    SetStatusText(wx(archive().path()) + wx("  ·  ") + fmt("{count} 名党员", {{"count", std::to_string(roster.count_members())}}),
                  0);
}

void MainFrame::search(const std::string& query) {
    std::string q = trim(query);
    if (q.empty() || !has_archive()) return;
    if (m_search->GetValue() != wx(q)) m_search->ChangeValue(wx(q));
    show_view({"search", 0, q});
}

void MainFrame::apply_language(const std::string& choice) {
    set_language(choice);
    m_year_label->SetLabel(_("年度"));
    m_search->SetDescriptiveText(_("搜索一本通"));
    set_status(wxString()); // the last message was written in the other language
    label_menus();
    Target keep = m_target;
    build_tree();
    m_target = {};
    navigate(keep);
    update_title();
    Layout();
    m_year_label->GetParent()->Layout();
}

void MainFrame::view_branch(core::Id organisation) {
    if (!has_archive() || !archive::is_superior_archive(*m_archive)) return;
    std::optional<core::Organisation> org;
    if (!guarded(this,
                 [&] {
                     org = core::OrganisationStore(archive().db()).get(organisation);
                     // Looking only: the connection refuses every write until the way back is taken.
                     archive().db().exec("PRAGMA query_only=ON");
                 }) ||
        !org)
        return;
    m_viewing = org;
    enable_menus();
    m_banner->Show();
    build_tree();
    update_title();
    m_banner->GetParent()->Layout();
    m_target = {};
    navigate(first_section());
}

void MainFrame::back_to_desk() {
    if (!m_viewing) return;
    m_viewing.reset();
    // Unless the archive itself is read-only (then it stays query-only).
    if (!archive().read_only()) guarded(this, [&] { archive().db().exec("PRAGMA query_only=OFF"); });
    m_banner->Hide();
    enable_menus();
    build_tree();
    update_title();
    m_banner->GetParent()->Layout();
    m_target = {};
    navigate({"desk", 0, {}});
}

void MainFrame::show_plugins() {
    PluginsDialog dlg(this, m_plugins);
    dlg.ShowModal();
}

void MainFrame::show_about() {
    AboutDialog dlg(this, m_plugins);
    dlg.ShowModal();
}

void MainFrame::show_preferences() {
    PreferencesDialog dlg(this);
    if (dlg.ShowModal() != wxID_OK) return;
    wxConfigBase::Get()->Write("/Language", wx(dlg.language_choice()));
    wxConfigBase::Get()->Write("/Journal/Name", wx(dlg.operator_name()));
    wxConfigBase::Get()->Flush();
    if (has_archive()) archive().set_actor(dlg.operator_name());
    apply_language(dlg.language_choice());
}

} // namespace onebook::shell
