// Windows build only (cmake/WindowsBuild.cmake): Boost.Test's implementation, header-only, compiled
// once into each suite; the suite's own files declare the module as on Linux.
#undef BOOST_TEST_MODULE
#include <boost/test/included/unit_test.hpp>
