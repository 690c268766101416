// JUnit XML for CI test views: one test suite per (revision, scenario), one
// test case per property; a failure carries the counterexample's story.
#pragma once

#include <string>

#include "checker/reports/sweep_report.hpp"

namespace atscheck {

std::string render_junit(const SweepReport& r);

} // namespace atscheck
