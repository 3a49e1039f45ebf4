// 发展党员 in the shell: who is at which stage, what is due or late for each person (the same rule
// evaluation as `onebook-cli member pipeline`), the documents filed for each step with their 档号,
// and the same actions as the command line: register an application, move to the next stage with
// date and deciding record, record a milestone, file a step's document.
#pragma once

#include "view.hpp"

namespace onebook::shell {

View* make_pipeline_view(wxWindow* parent, Shell& shell);

} // namespace onebook::shell
