// The superior committee's desk in a real window: the demo's superior archive opens on it, with
// one row per branch; the filters by problem and sector narrow the list to what the archive says;
// a column click sorts; the summary button shows a branch's summary; a double click opens the
// branch's one book read-only (a banner says so, edit actions are off, the database refuses
// writes) until the banner's button brings the desk back. With
// ONEBOOK_DESK_ARCHIVE set (e.g. a 100-branch archive from superior_scale_bench) that archive is
// opened too and photographed.
#include "gui_suite.hpp"
#include "ui_util.hpp"

#include "onebook/archive.hpp"
#include "onebook/archive/superior_desk.hpp"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <cstdlib>

namespace {

std::string cell(wxListCtrl* list, long row, int column) {
    wxListItem item;
    item.SetId(row);
    item.SetColumn(column);
    item.SetMask(wxLIST_MASK_TEXT);
    list->GetItem(item);
    return shell::str(item.GetText());
}

void click_column(wxListCtrl* list, int column) {
    wxListEvent e(wxEVT_LIST_COL_CLICK, list->GetId());
    e.SetEventObject(list);
    e.m_col = column;
    list->GetEventHandler()->ProcessEvent(e);
}

} // namespace

BOOST_AUTO_TEST_CASE(superior_archive_opens_on_the_desk_of_its_branches) {
    fs::path superior = demo_copy().parent_path() / "superior.onebook";
    archive::Desk expected;
    {
        auto a = core::Archive::open(superior.string());
        expected = archive::superior_desk(a, plugins(), core::Date::today().year() - 1); // the graded year
    }
    BOOST_REQUIRE(expected.rows.size() >= 5u);

    auto* f = open_frame(superior);
    settle(f);
    BOOST_TEST(f->target().view == "desk");
    auto* list = find_as<wxListCtrl>(f, "desk_list");
    BOOST_REQUIRE(list);
    BOOST_TEST((list->GetWindowStyle() & wxLC_VIRTUAL) != 0);
    BOOST_TEST(list->GetItemCount() == static_cast<int>(expected.rows.size()));
    screenshot("desk-demo", f);

    // Filters: by problem (no package this year, must explain) and by sector.
    int without_package = 0, must_explain = 0;
    for (const auto& r : expected.rows) {
        without_package += !r.package_this_year;
        must_explain += r.needs_explanation;
    }
    BOOST_REQUIRE(choose(find(f, "desk_problem"), shell::wx("今年未报送档案包")));
    BOOST_TEST(list->GetItemCount() == without_package);
    BOOST_REQUIRE(choose(find(f, "desk_problem"), shell::wx("须说明定级情况")));
    BOOST_TEST(list->GetItemCount() == must_explain);
    BOOST_REQUIRE(choose(find(f, "desk_problem"), shell::wx("全部")));
    const std::string sector = expected.rows.front().sector_name;
    int in_sector = 0;
    for (const auto& r : expected.rows) in_sector += r.sector_name == sector;
    BOOST_REQUIRE(choose(find(f, "desk_sector"), shell::wx(sector)));
    BOOST_TEST(list->GetItemCount() == in_sector);
    for (long i = 0; i < list->GetItemCount(); ++i) BOOST_TEST(cell(list, i, 1) == sector);
    BOOST_REQUIRE(choose(find(f, "desk_sector"), shell::wx("全部")));

    // Sorting by the superior's score, then the other way.
    click_column(list, 5);
    double previous = -1;
    for (long i = 0; i < list->GetItemCount(); ++i) {
        std::string t = cell(list, i, 5);
        double v = t.empty() ? -1 : std::atof(t.c_str());
        BOOST_TEST(v >= previous);
        previous = v;
    }
    click_column(list, 5);
    const std::string best = cell(list, 0, 0);
    BOOST_TEST(std::atof(cell(list, 0, 5).c_str()) >= std::atof(cell(list, list->GetItemCount() - 1, 5).c_str()));

    // The summary button shows the selected (or first) branch's summary, read-only.
    std::string shown;
    bool read_only = false;
    auto ran = when_dialog("desk_branch_dialog", [&](wxDialog* d) {
        auto* text = find_as<wxTextCtrl>(d, "desk_branch_text");
        if (text) {
            shown = shell::str(text->GetValue());
            read_only = !text->IsEditable();
        }
        d->EndModal(wxID_CLOSE);
    });
    click(find(f, "desk_summary"));
    BOOST_TEST(*ran);
    BOOST_TEST(shown.find(best) != std::string::npos, shown);
    BOOST_TEST(read_only);

    // A double click opens that branch's one book, read-only.
    const std::string superior_name = f->home().name;
    wxListEvent activate(wxEVT_LIST_ITEM_ACTIVATED, list->GetId());
    activate.SetEventObject(list);
    activate.m_itemIndex = 0;
    list->GetEventHandler()->ProcessEvent(activate);
    settle(f);
    BOOST_TEST(f->viewing_branch());
    BOOST_TEST(f->home().name == best);
    BOOST_TEST(f->target().view.rfind("section:", 0) == 0, f->target().view);
    auto* banner = find(f, "read_only_banner");
    BOOST_REQUIRE(banner);
    BOOST_TEST(banner->IsShown());
    auto* banner_text = find_as<wxStaticText>(f, "read_only_text");
    BOOST_REQUIRE(banner_text);
    BOOST_TEST(shell::str(banner_text->GetLabel()) == "只读：上级档案中的 " + best);
    BOOST_TEST(f->GetTitle().ToStdString(wxConvUTF8).find(best) != std::string::npos);
    screenshot("desk-branch-read-only", f);
    // Its 三会一课 records are shown, with no way to add, change or delete one.
    f->navigate({"section:activities.three_meetings", 0, {}});
    settle(f);
    auto* add = find(f->view(), "records_add");
    BOOST_REQUIRE(add);
    BOOST_TEST(!add->IsEnabled());
    int buttons = 0, enabled = 0;
    std::function<void(wxWindow*)> walk = [&](wxWindow* w) {
        for (auto* c : w->GetChildren()) {
            if (auto* b = dynamic_cast<wxButton*>(c)) {
                ++buttons;
                enabled += b->IsEnabled();
            }
            walk(c);
        }
    };
    walk(f->view());
    BOOST_TEST(buttons > 0);
    BOOST_TEST(enabled == 0);
    // Another year rebuilds the view's rows: still no button to press.
    f->set_year(f->year() - 1);
    settle(f);
    buttons = enabled = 0;
    walk(f->view());
    BOOST_TEST(buttons > 0);
    BOOST_TEST(enabled == 0);
    f->set_year(f->year() + 1);
    BOOST_TEST(!f->GetMenuBar()->IsEnabled(shell::menu_id::new_record));
    BOOST_TEST(!f->GetMenuBar()->IsEnabled(shell::menu_id::package_import));
    // Showing the branch's views wrote nothing (a write would have been refused, with a message).
    for (const auto& m : take_messages()) BOOST_ERROR("message while viewing the branch: " << m);
    // The database refuses writes meanwhile, whatever path a view might take.
    BOOST_CHECK_THROW(f->archive().set_setting("desk.test", "x"), core::Error);
    screenshot("desk-branch-records-read-only", f);
    // The meeting plan's cells open no editor (a double click asks for a planned number elsewhere).
    f->navigate({"plan", 0, {}});
    settle(f);
    auto* plan = find_as<wxGrid>(f->view(), "plan_grid");
    BOOST_REQUIRE(plan);
    BOOST_TEST(!plan->IsEditable());
    {
        wxGridEvent dclick(plan->GetId(), wxEVT_GRID_CELL_LEFT_DCLICK, plan, 0, 0);
        BOOST_TEST(plan->GetEventHandler()->ProcessEvent(dclick)); // taken by the lock, not the view's editor
    }
    for (const auto& m : take_messages()) BOOST_ERROR("message from the plan while viewing the branch: " << m);

    // The banner's button returns to the desk, writable again.
    click(find(f, "read_only_back"));
    settle(f);
    BOOST_TEST(!f->viewing_branch());
    BOOST_TEST(f->target().view == "desk");
    BOOST_TEST(!banner->IsShown());
    BOOST_TEST(f->home().name == superior_name);
    BOOST_REQUIRE(find_as<wxListCtrl>(f, "desk_list"));
    BOOST_TEST(find_as<wxListCtrl>(f, "desk_list")->GetItemCount() == static_cast<int>(expected.rows.size()));
    BOOST_TEST(f->GetMenuBar()->IsEnabled(shell::menu_id::new_record));
    BOOST_CHECK_NO_THROW(f->archive().set_setting("desk.test", "x"));
    take_messages();

    // In English, on a 1366×768 and a 1024×600 screen: every label of the desk's top and of the
    // banner is whole and inside the window.
    f->apply_language("en");
    for (auto [w, h] : {std::pair{1366, 768}, std::pair{1024, 600}}) {
        f->SetSize(0, 0, w, h);
        settle(f);
        auto* view = f->view();
        BOOST_REQUIRE(view);
        for (const char* name :
             {"desk_open", "desk_summary", "desk_problem", "desk_count", "desk_legend_overdue", "desk_legend_explain"}) {
            auto* c = find(view, name);
            BOOST_REQUIRE(c);
            const wxRect r(c->GetScreenPosition(), c->GetSize());
            const wxRect v(view->GetScreenPosition(), view->GetClientSize());
            BOOST_TEST(v.Contains(r), name << " at " << w << "×" << h);
            BOOST_TEST(c->GetSize().x >= c->GetBestSize().x, name << " cut at " << w << "×" << h);
        }
        BOOST_TEST(shell::str(find_as<wxButton>(view, "desk_open")->GetLabel()) == "Open its book (read-only)");
        screenshot("desk-en-" + std::to_string(w), f);
    }
    click(find(f, "desk_open"));
    settle(f);
    BOOST_TEST(f->viewing_branch());
    BOOST_TEST(shell::str(find_as<wxStaticText>(f, "read_only_text")->GetLabel()).rfind("Read-only: ", 0) == 0);
    screenshot("desk-en-branch-1024", f);
    click(find(f, "read_only_back"));
    settle(f);
    BOOST_TEST(!f->viewing_branch());
    f->apply_language("zh");
    take_messages();
    close_frame(f);

    if (const char* big = std::getenv("ONEBOOK_DESK_ARCHIVE"); big && *big && fs::exists(big)) {
        auto* g = open_frame(big);
        settle(g);
        auto* l = find_as<wxListCtrl>(g, "desk_list");
        BOOST_REQUIRE(l);
        BOOST_TEST_MESSAGE("desk of " << big << ": " << l->GetItemCount() << " branches");
        screenshot("desk-large", g);
        close_frame(g);
        take_messages();
    }
}
