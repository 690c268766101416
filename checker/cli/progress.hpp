// Progress on stderr: an engine's own progress after a second, and for sweeps
// one line per finished cell with its time, plus a bar when stderr is a terminal.
#pragma once

#include <string>

#include "checker/sweeps/matrix.hpp"

namespace atscheck::cli {

ProgressFn engine_progress(const std::string& what);

SweepObserver sweep_progress();

} // namespace atscheck::cli
