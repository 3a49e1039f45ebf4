// What a connection's write work (Database::set_before_first_write) is asked to prepare for.
#pragma once

#include <string>
#include <vector>

namespace onebook::core {

/// The statement being prepared, as the write work sees it: valid only while the work runs.
struct PendingWrite {
    bool first = true;               ///< the first run since the work was armed or a rollback undid it
    std::vector<std::string> tables; ///< tables of the main schema the statement may write (itself, through
                                     ///< triggers or foreign-key actions) that no earlier run was given
};

/// The pending write of the work running on this thread (an empty one outside the work).
const PendingWrite& pending_write();

} // namespace onebook::core
