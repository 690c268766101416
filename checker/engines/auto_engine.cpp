#include "checker/engines/auto_engine.hpp"

#include "checker/engines/explicit_engine.hpp"

namespace atscheck {

CheckResult check_auto(const System& sys, const PortfolioOptions& opts, uint64_t explicit_states) {
    if (opts.emit_smt2)
        return check_portfolio(sys, opts);
    CheckResult first = check_explicit(sys, ExplicitOptions{.properties = opts.properties,
                                                            .limits = opts.limits,
                                                            .max_states = explicit_states});
    first.engine = Engine::Auto;
    if (first.stats.exhaustive)
        return first;

    PortfolioOptions rest = opts;
    rest.properties.clear();
    for (const auto& r : first.properties)
        if (r.verdict != Verdict::Violated)
            rest.properties.push_back(r.property);
    if (rest.properties.empty()) // every property violated: each has its shortest trace
        return first;
    const CheckResult second = check_portfolio(sys, rest);
    size_t next = 0;
    for (auto& r : first.properties)
        if (r.verdict != Verdict::Violated)
            r = second.properties[next++];
    first.stats.depth = second.stats.depth;
    first.stats.solver_calls = second.stats.solver_calls;
    first.stats.seconds += second.stats.seconds;
    return first;
}

} // namespace atscheck
