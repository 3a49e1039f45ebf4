#include "onebook/findings.hpp"

namespace onebook::core {

const char* to_string(FindingStatus s) {
    switch (s) {
    case FindingStatus::Ok: return "ok";
    case FindingStatus::Due: return "due";
    case FindingStatus::Warning: return "warning";
    case FindingStatus::Violation: return "violation";
    }
    return "ok";
}

} // namespace onebook::core
