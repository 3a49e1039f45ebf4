// The archive's schema version as packages state it.
#pragma once

namespace onebook::core {

/// The schema version a package of an archive at `version` states: the newest migration up to it
/// that changed a table (one that changed only triggers or views does not stop an older OneBook
/// from reading the package; see docs/package-format.md).
int package_schema_version(int version);

} // namespace onebook::core
