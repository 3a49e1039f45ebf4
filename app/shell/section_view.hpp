// Re-exports the view factories (views.hpp) for the main frame.
#pragma once

#include "views.hpp"
