// The default engine (--engine auto): a portfolio on two threads. One runs BMC
// for shortest counterexamples up to a depth bound; the other proves, first by
// k-induction with Houdini's lemmas (cheap when it works), then by PDR for what
// is left. They share per-property flags, so neither works on what the other
// has settled. Per property the verdict is violated (BMC's shortest trace),
// proved (with the method and its evidence), bounded (no violation up to
// BMC's depth, no proof), or unknown (with the reasons).
#pragma once

#include "checker/engines/result.hpp"
#include "checker/engines/run_limits.hpp"

namespace atscheck {

struct PortfolioOptions {
    std::vector<PropertyId> properties;
    RunLimits limits; // its own `settled` is unused: the portfolio shares flags of its own
    int bmc_depth = 10;
    int max_k = 2; // k-induction before PDR takes over
    bool emit_smt2 = false;
};

CheckResult check_portfolio(const System& sys, const PortfolioOptions& opts);

} // namespace atscheck
