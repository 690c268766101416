// SARIF 2.1.0 for code-scanning views: one rule per property, one result per
// counterexample (the steps as a code flow, located at the revision file and
// naming the kernel function), and under `ci` one per stale expectation.
#pragma once

#include <nlohmann/json.hpp>

#include "checker/reports/sweep_report.hpp"

namespace atscheck {

nlohmann::json render_sarif(const SweepReport& r);

} // namespace atscheck
