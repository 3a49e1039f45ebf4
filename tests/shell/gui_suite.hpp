// The common opening of every GUI suite in this folder: the test helpers, Boost.Test, the names
// the suites use, and the wxApp fixture. Include it once, first, from a suite's only source file.
#pragma once

#include "shell_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

namespace fs = std::filesystem;
using namespace onebook;
using namespace onebook::test;
using namespace onebook::test::gui;

BOOST_TEST_GLOBAL_FIXTURE(GuiFixture);
