#include "checker/engines/bmc_engine.hpp"

#include "checker/engines/owned_context.hpp"
#include "checker/engines/smt2.hpp"
#include "checker/engines/symbolic_system.hpp"
#include "checker/limits/deadline.hpp"

namespace atscheck {

CheckResult check_bmc(const System& sys, const BmcOptions& opts) {
    const Deadline deadline(opts.timeout, opts.settled);
    CheckResult result = CheckResult::open(Engine::Bmc, opts.properties);

    const OwnedContext owned_ctx = make_owned_context(); // outlives every term below
    z3::context& ctx = *owned_ctx;
    const Watchdog watchdog(ctx, opts.timeout); // also stops formula building, not only checks
    const SettledFlags::InterruptWhenAllSettled stop_when_settled(opts.settled, ctx);
    const SymbolicSystem ts(ctx, sys);
    z3::solver solver(ctx);
    std::vector<SymbolicState> states{ts.fresh_state("s0.")};
    std::vector<StepInputs> steps;
    z3::expr_vector facts(ctx); // the unrolling so far, for --emit-smt2
    facts.push_back(ts.init(states[0]));
    solver.add(facts.back());
    auto settled_elsewhere = [&](size_t p) {
        return opts.settled && opts.settled->settled(p) &&
               result.properties[p].verdict != Verdict::Violated;
    };

    std::string stop_reason;
    int depth = 0;
    // A limit (or, in a portfolio, the last property settled) interrupts the
    // context, and Z3 may then throw ("canceled") from any call, not only a
    // check: that ends the run like an expired deadline.
    try {
        for (;; ++depth) {
            if (deadline.expired()) {
                stop_reason = deadline.why() + " at depth " + std::to_string(depth);
                break;
            }
            deadline.limit(solver);
            for (size_t p = 0; p < result.properties.size() && stop_reason.empty(); ++p) {
                auto& r = result.properties[p];
                if (r.verdict == Verdict::Violated || settled_elsewhere(p))
                    continue;
                // One assumption literal per property and depth keeps the solver incremental.
                z3::expr bad = ctx.bool_const(
                    ("bad." + std::to_string(depth) + "." + property_info(r.property).name)
                        .c_str());
                solver.add(bad == !ts.holds(states[depth], r.property));
                z3::expr_vector assumptions(ctx);
                assumptions.push_back(bad);
                ++result.stats.solver_calls;
                const z3::check_result cr = unless_expired(deadline, solver.check(assumptions));
                if (cr == z3::unsat) {
                    r.bound = depth;
                } else if (cr == z3::sat) {
                    r.verdict = Verdict::Violated;
                    r.depth = depth;
                    r.method = "bmc";
                    r.trace = ts.read_trace(solver.get_model(), states, steps);
                    if (opts.emit_smt2) {
                        z3::expr_vector query = copy_of(facts);
                        query.push_back(!ts.holds(states[depth], r.property));
                        r.obligations.push_back(
                            smt2_obligation(ctx, "counterexample", query, "sat"));
                    }
                    // Last: settling every property interrupts this context.
                    if (opts.settled)
                        opts.settled->settle(p);
                } else {
                    stop_reason = "the solver returned unknown at depth " + std::to_string(depth) +
                                  " (" + unknown_cause(deadline, solver) + ")";
                }
            }
            if (opts.progress)
                opts.progress({0, 0, depth, deadline.elapsed()});
            size_t open = 0;
            for (size_t p = 0; p < result.properties.size(); ++p)
                open += result.properties[p].verdict != Verdict::Violated && !settled_elsewhere(p);
            if (open == 0 || depth >= opts.max_depth || !stop_reason.empty())
                break;
            const std::string tag = "k" + std::to_string(depth) + ".";
            states.push_back(ts.fresh_state("s" + std::to_string(depth + 1) + "."));
            steps.emplace_back(StepInputs{ctx.bool_val(false), {}});
            facts.push_back(ts.transition(states[depth], states[depth + 1], tag, &steps.back()));
            solver.add(facts.back());
        }
    } catch (const z3::exception&) {
        if (!deadline.expired())
            throw;
        stop_reason = deadline.why() + " at depth " + std::to_string(depth);
    }
    if (all_settled(opts.settled))
        stop_reason.clear(); // the portfolio has every verdict; nothing was cut short
    // A property that got through depth K holds up to K, even when a limit
    // stopped the unrolling before max_depth.
    for (auto& r : result.properties) {
        if (r.verdict == Verdict::Violated)
            continue;
        if (r.bound >= 0) {
            r.verdict = Verdict::Bounded;
            r.method = "bmc";
            r.reason = "no violation up to depth " + std::to_string(r.bound);
        }
        if (!stop_reason.empty())
            r.reason += (r.reason.empty() ? "" : "; ") + stop_reason;
    }
    result.stats.depth = depth;
    result.stats.seconds = deadline.elapsed();
    return result;
}

} // namespace atscheck
