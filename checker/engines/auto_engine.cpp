#include "checker/engines/auto_engine.hpp"

#include "checker/engines/all_n.hpp"
#include "checker/engines/explicit_engine.hpp"

namespace atscheck {

namespace {

// This size only: the explicit first pass, then the portfolio.
CheckResult check_this_size(const System& sys, const PortfolioOptions& opts,
                            uint64_t explicit_states) {
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

} // namespace

CheckResult check_auto(const System& sys, const PortfolioOptions& opts, uint64_t explicit_states) {
    if (!why_all_n_does_not_apply(sys).empty())
        return check_this_size(sys, opts, explicit_states);
    CheckResult all = check_all_n(sys, AllNOptions{.properties = opts.properties,
                                                   .limits = opts.limits,
                                                   .emit_smt2 = opts.emit_smt2});
    PortfolioOptions rest = opts;
    rest.limits = opts.limits.after(all.stats.seconds);
    rest.properties.clear();
    for (const auto& r : all.properties)
        if (!r.all_n)
            rest.properties.push_back(r.property);
    if (rest.properties.empty()) {
        all.engine = Engine::Auto;
        all.stats = EngineStats{.seconds = all.stats.seconds,
                                .solver_calls = all.stats.solver_calls}; // no search of this size
        return all;
    }
    CheckResult out = check_this_size(sys, rest, explicit_states);
    size_t next = 0;
    std::vector<PropertyResult> merged;
    for (auto& r : all.properties) {
        if (r.all_n) {
            merged.push_back(std::move(r));
            continue;
        }
        merged.push_back(std::move(out.properties[next++]));
        merged.back().all_n_why_not = r.reason;
    }
    out.properties = std::move(merged);
    out.engine = Engine::Auto;
    out.stats.seconds += all.stats.seconds;
    out.stats.solver_calls += all.stats.solver_calls;
    return out;
}

} // namespace atscheck
