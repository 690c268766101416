// One self-contained HTML page (no network): the verdict matrix, the
// deviations under `ci`, and per counterexample a step table (changed fields
// highlighted) and an SVG sequence diagram of the kernel calls.
#pragma once

#include <string>

#include "checker/reports/sweep_report.hpp"

namespace atscheck {

std::string render_html(const SweepReport& r);

// The report's stylesheet, for other pages of atscheck's (series).
const char* report_style();

} // namespace atscheck
