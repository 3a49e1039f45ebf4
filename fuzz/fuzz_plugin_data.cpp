// Fuzz: plugin data documents (meeting template, rubric, board template), chosen by the first byte,
// parsed and validated as the plugin host does at load.
#include "fuzz_support.hpp"

#include "onebook/board.hpp"
#include "onebook/error.hpp"
#include "onebook/meeting_template.hpp"
#include "onebook/rubric.hpp"

using namespace onebook;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    std::string json(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        switch (data[0] % 3) {
        case 0: {
            core::Contribution c;
            c.json = json;
            c.source = "fuzz.json";
            core::parse_meeting_template(c);
            break;
        }
        case 1: core::parse_rubric(json, "fuzz.json", "fuzz"); break;
        default: core::parse_board_template(json, "fuzz.json"); break;
        }
    } catch (const core::Error&) {}
    return 0;
}
