// SARIF 2.1.0 for code-scanning views: one rule per property, one result per
// counterexample (the steps as a code flow, located at the revision file and
// naming the kernel function), and under `ci` one per stale expectation.
#pragma once

#include <nlohmann/json.hpp>

#include "checker/conform/drift.hpp"
#include "checker/reports/sweep_report.hpp"

namespace atscheck {

nlohmann::json render_sarif(const SweepReport& r);

// ci --kernel: each function whose body drifted from its revision's
// fingerprint, located in the tree.
nlohmann::json render_drift_sarif(const std::vector<KernelDrift>& drifts,
                                  const std::string& kernel_dir);

} // namespace atscheck
