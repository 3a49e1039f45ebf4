// The steps of the demo, one per capability; each fills the archive and reports what it added.
#pragma once

#include "onebook/archive/demo.hpp"

namespace onebook::archive::demo {

/// Roster, groups, committee, activists (foundation).
void roster(core::Archive& a, const core::PluginHost& plugins, DemoReport& report);

} // namespace onebook::archive::demo
