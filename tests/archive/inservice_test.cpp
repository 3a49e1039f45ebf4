// 一卡一簿一单 for 在职党员 (《在全市社区工作会议上的讲话》), read back with pdftotext: the registration
// card of each 协管 member (public: no ID number, phone or address), the register of the year's
// worker_checkin records, and one member's yearly feedback sheet to the employer. Members of
// other categories get no card or sheet.
#include "../core/records_fixture.hpp"

#include "onebook/archive/inservice.hpp"

#include <boost/test/unit_test.hpp>

using namespace onebook;
using core::Date;
namespace fs = std::filesystem;

namespace {

std::string text_of(const fs::path& pdf) {
    std::string out, err;
    BOOST_REQUIRE_MESSAGE(test::run_tool({"pdftotext", test::utf8(pdf), "-"}, &out, &err) == 0, err);
    // pdftotext breaks lines where the layout does: compare without them.
    std::string flat;
    for (char c : out)
        if (c != '\n' && c != ' ') flat += c;
    return flat;
}

struct Inservice {
    test::Branch b; // 张伟 is the one 协管 member
    Inservice() {
        core::Roster roster(b.a().db(), b.org);
        auto m = *roster.member(b.ids.at("张伟"), true);
        m.employer = "市自来水公司";
        m.workplace_post = "市自来水公司 工程师";
        m.priv.phone = "13800138000";
        m.priv.address = "幸福里小区3栋2单元501";
        m.priv.id_number = "110101198001011232";
        roster.update_member(m);
        checkin(Date(2025, 3, 2), archive::checkin_card, "到社区报到，认领楼道长岗位");
        checkin(Date(2025, 5, 18), archive::checkin_activity, "参加小区环境整治志愿服务");
        checkin(Date(2024, 9, 1), archive::checkin_activity, "上一年度的活动");
        checkin(Date(2025, 12, 20), archive::checkin_feedback, "年度意见反馈", "积极参加社区活动，表现突出");
    }
    void checkin(const Date& d, const std::string& kind, const std::string& topic, const std::string& feedback = {}) {
        std::map<std::string, std::string> fields = {{"checkin_kind", kind}, {"employer", "市自来水公司"}};
        if (!feedback.empty()) fields["feedback"] = feedback;
        b.set_fields(b.add("worker_checkin", d, {"张伟"}), fields, topic);
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(the_card_shows_the_registration_and_no_private_data) {
    Inservice x;
    test::ScratchDir dir("onebook-inservice");
    auto r = archive::write_inservice_cards_pdf(x.b.a(), dir / "cards.pdf");
    BOOST_TEST(r.items == 1); // only the 协管 member
    BOOST_TEST(r.pages == 1);
    auto t = text_of(dir / "cards.pdf");
    for (const char* part : {"在职党员登记卡", "张伟", "市自来水公司工程师", "2025-03-02", "认领楼道长岗位", "幸福里社区党支部"})
        BOOST_TEST(t.find(part) != std::string::npos, part);
    for (const char* secret : {"13800138000", "幸福里小区3栋", "110101198001011232", "王建国"})
        BOOST_TEST(t.find(secret) == std::string::npos, secret);
    // A member of another category is refused by name; nothing is written.
    try {
        archive::write_inservice_cards_pdf(x.b.a(), dir / "other.pdf", "王建国");
        BOOST_FAIL("a 直管 member got a card");
    } catch (const core::Error& e) { BOOST_TEST(core::substitute(e.key(), e.params()).find("王建国") != std::string::npos); }
    BOOST_TEST(!fs::exists(dir / "other.pdf"));
}

BOOST_AUTO_TEST_CASE(the_register_lists_the_years_checkins_and_the_feedback_sheet_goes_to_the_employer) {
    Inservice x;
    test::ScratchDir dir("onebook-inservice");
    auto lines = archive::inservice_register(x.b.a(), 2025);
    BOOST_REQUIRE_EQUAL(lines.size(), 3u); // 2024's activity is another year's
    BOOST_TEST(lines[0].date == Date(2025, 3, 2));
    BOOST_TEST(lines[1].kind == archive::checkin_activity);
    BOOST_TEST(archive::inservice_register(x.b.a()).size() == 4u);
    BOOST_TEST(archive::inservice_register_table(x.b.a(), 2025).rows.size() == 3u);

    auto reg = archive::write_inservice_register_pdf(x.b.a(), 2025, dir / "register.pdf");
    BOOST_TEST(reg.items == 3);
    auto t = text_of(dir / "register.pdf");
    BOOST_TEST(t.find("在职党员活动登记簿") != std::string::npos);
    BOOST_TEST(t.find("参加小区环境整治志愿服务") != std::string::npos);
    BOOST_TEST(t.find("上一年度的活动") == std::string::npos);

    auto fb = archive::write_inservice_feedback_pdf(x.b.a(), "张伟", 2025, dir / "feedback.pdf");
    BOOST_TEST(fb.items == 2); // the card and the activity; the feedback record is the opinion
    auto f = text_of(dir / "feedback.pdf");
    for (const char* part : {"在职党员参与社区活动意见反馈单", "市自来水公司党组织", "张伟同志2025年度",
                             "参加小区环境整治志愿服务", "积极参加社区活动，表现突出", "年度考核"})
        BOOST_TEST(f.find(part) != std::string::npos, part);
    BOOST_TEST(f.find("13800138000") == std::string::npos);
    BOOST_CHECK_THROW(archive::write_inservice_feedback_pdf(x.b.a(), "马俊", 2025, dir / "x.pdf"), core::Error); // 代管
}
