// Identifiers that travel between archives (organisations, packages, signing keys).
#pragma once

#include <string>

namespace onebook::core {

/// A new random identifier (UUID v4 text) for organisations and other exported entities.
std::string new_uid();

} // namespace onebook::core
