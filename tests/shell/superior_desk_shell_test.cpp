// The superior committee's desk in a real window: the demo's superior archive opens on it, with
// one row per branch; the filters by problem and sector narrow the list to what the archive says;
// a column click sorts; a double click opens the branch's summary, read-only. With
// ONEBOOK_DESK_ARCHIVE set (e.g. a 100-branch archive from superior_scale_bench) that archive is
// opened too and photographed.
#include "shell_test_support.hpp"
#include "ui_util.hpp"

#include "onebook/archive.hpp"
#include "onebook/archive/superior_desk.hpp"

#include <boost/test/unit_test.hpp>

#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/textctrl.h>

#include <cstdlib>

namespace fs = std::filesystem;
using namespace onebook;
using namespace onebook::test;
using namespace onebook::test::gui;

BOOST_TEST_GLOBAL_FIXTURE(GuiFixture);

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

    // A double click opens that branch's summary, read-only.
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
    wxListEvent activate(wxEVT_LIST_ITEM_ACTIVATED, list->GetId());
    activate.SetEventObject(list);
    activate.m_itemIndex = 0;
    list->GetEventHandler()->ProcessEvent(activate);
    BOOST_TEST(*ran);
    BOOST_TEST(shown.find(best) != std::string::npos, shown);
    BOOST_TEST(read_only);
    close_frame(f);
    take_messages();

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
