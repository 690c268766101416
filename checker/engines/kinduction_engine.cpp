#include "checker/engines/kinduction_engine.hpp"

#include <algorithm>
#include <stdexcept>

#include "checker/engines/houdini.hpp"
#include "checker/engines/owned_context.hpp"
#include "checker/engines/restarts.hpp"
#include "checker/engines/smt2.hpp"
#include "checker/engines/symbolic_system.hpp"
#include "checker/limits/deadline.hpp"

namespace atscheck {

namespace {

// A path of states s_0 .. s_n with its transitions, kept as facts so that the
// obligations of a proof can be written out on their own.
struct Path {
    std::vector<SymbolicState> states;
    std::vector<StepInputs> steps;
    z3::expr_vector facts;
};

void extend(const SymbolicSystem& ts, Path& p, z3::solver& solver, const std::string& prefix) {
    const int n = static_cast<int>(p.states.size());
    p.states.push_back(ts.fresh_state(prefix + std::to_string(n) + "."));
    p.steps.emplace_back(StepInputs{ts.ctx().bool_val(false), {}});
    const z3::expr t = ts.transition(p.states[n - 1], p.states[n],
                                     prefix + "k" + std::to_string(n - 1) + ".", &p.steps.back());
    p.facts.push_back(t);
    solver.add(t);
}

// Initiation and consecution of the lemmas' conjunction, each unsat.
std::vector<std::pair<std::string, z3::expr_vector>>
lemma_obligations_of(const SymbolicSystem& ts, const std::vector<Candidate>& lemmas) {
    z3::context& ctx = ts.ctx();
    const SymbolicState s = ts.fresh_state("l0."), t = ts.fresh_state("l1.");
    z3::expr_vector initiation(ctx), consecution(ctx);
    initiation.push_back(ts.init(s));
    initiation.push_back(!conjunction(ts, lemmas, s));
    consecution.push_back(conjunction(ts, lemmas, s));
    consecution.push_back(ts.transition(s, t, "l."));
    consecution.push_back(!conjunction(ts, lemmas, t));
    return {{"lemmas-initiation", initiation}, {"lemmas-consecution", consecution}};
}

} // namespace

CheckResult check_kinduction(const System& sys, const KInductionOptions& opts) {
    const Deadline deadline(opts.timeout, opts.settled);
    CheckResult result = CheckResult::open(Engine::KInduction, opts.properties);
    const size_t n_props = opts.properties.size();

    const OwnedContext owned_ctx = make_owned_context(); // outlives every term below
    z3::context& ctx = *owned_ctx;
    const Watchdog watchdog(ctx, opts.timeout); // also stops formula building, not only checks
    const SettledFlags::InterruptWhenAllSettled stop_when_settled(opts.settled, ctx);
    const SymbolicSystem ts(ctx, sys);
    std::string stop_reason;
    int last_k = 0; // the longest step case tried
    // A limit (or, in a portfolio, the last property settled) interrupts the
    // context, and Z3 may then throw ("canceled") from any call, not only a
    // check: that ends the run like an expired deadline.
    try {
        // Proved lemmas strengthen the step case: they hold in every reachable state.
        const HoudiniResult lemmas =
            houdini(ts, model_candidates(ts, !opts.lemmas), deadline, result.stats.solver_calls);
        if (!lemmas.complete && deadline.expired())
            stop_reason = deadline.why() + " while Houdini searched for lemmas";
        auto strengthen = [&](const SymbolicState& t) {
            return conjunction(ts, lemmas.invariants, t);
        };

        z3::solver base(ctx), step(ctx);
        Path bp{{ts.fresh_state("s0.")}, {}, z3::expr_vector(ctx)};
        bp.facts.push_back(ts.init(bp.states[0]));
        base.add(bp.facts.back());
        Path sp{{ts.fresh_state("t0.")}, {}, z3::expr_vector(ctx)};
        sp.facts.push_back(strengthen(sp.states[0]));
        step.add(sp.facts.back());

        // assume[p] switches on "property p holds at t_0 .. t_{k-1}" in the step solver.
        std::vector<z3::expr> assume;
        for (size_t p = 0; p < n_props; ++p)
            assume.push_back(ctx.bool_const(("assume." + std::to_string(p)).c_str()));
        std::vector<bool> open(n_props, true);
        auto any_open = [&] { return std::find(open.begin(), open.end(), true) != open.end(); };

        int k = 1;
        for (; k <= opts.max_k && any_open() && stop_reason.empty(); ++k) {
            // Base case: no open property fails at depth k-1.
            const int depth = k - 1;
            if (depth > 0)
                extend(ts, bp, base, "s");
            for (size_t p = 0; p < n_props && stop_reason.empty(); ++p) {
                if (!open[p])
                    continue;
                auto& r = result.properties[p];
                z3::expr_vector bad(ctx);
                bad.push_back(!ts.holds(bp.states[depth], r.property));
                deadline.limit(base);
                ++result.stats.solver_calls;
                const auto cr = unless_expired(deadline, base.check(bad));
                if (cr == z3::sat) {
                    r.verdict = Verdict::Violated;
                    r.method = "k-induction (base case)";
                    r.depth = depth;
                    r.trace = ts.read_trace(base.get_model(), bp.states, bp.steps);
                    open[p] = false;
                } else if (cr == z3::unsat) {
                    r.bound = depth;
                } else {
                    stop_reason = "the solver returned unknown in the base case at depth " +
                                  std::to_string(depth) + " (" + unknown_cause(deadline, base) +
                                  ")";
                }
            }
            if (!stop_reason.empty() || !any_open())
                break;

            // Step case of length k, with the properties assumed at t_{k-1}.
            last_k = k;
            extend(ts, sp, step, "t");
            sp.facts.push_back(strengthen(sp.states.back()));
            step.add(sp.facts.back());
            for (size_t j = 0; j + 1 < sp.states.size(); ++j)
                step.add(!ts.equal(sp.states[j], sp.states.back())); // loop-free
            for (size_t p = 0; p < n_props; ++p)
                step.add(z3::implies(assume[p], ts.holds(sp.states[k - 1], opts.properties[p])));

            std::vector<bool> candidate = open;
            for (bool dropped = true; dropped && stop_reason.empty();) {
                dropped = false;
                for (size_t p = 0; p < n_props && stop_reason.empty(); ++p) {
                    if (!candidate[p])
                        continue;
                    z3::expr_vector assumptions(ctx);
                    for (size_t q = 0; q < n_props; ++q)
                        if (candidate[q] || result.properties[q].verdict == Verdict::Proved)
                            assumptions.push_back(assume[q]);
                    assumptions.push_back(!ts.holds(sp.states[k], opts.properties[p]));
                    ++result.stats.solver_calls;
                    const auto cr = check_with_restarts(step, assumptions, deadline);
                    if (cr == z3::sat) {
                        candidate[p] = false;
                        dropped = true;
                        result.properties[p].cti =
                            ts.read_trace(step.get_model(), sp.states, sp.steps);
                    } else if (cr == z3::unknown) {
                        stop_reason = "the solver returned unknown in the step case at k = " +
                                      std::to_string(k) + " (" + unknown_cause(deadline, step) +
                                      ")";
                    }
                }
            }
            if (!stop_reason.empty())
                break;
            std::vector<size_t> proved;
            for (size_t p = 0; p < n_props; ++p)
                if (candidate[p])
                    proved.push_back(p);
            for (size_t p : proved) {
                auto& r = result.properties[p];
                r.verdict = Verdict::Proved;
                r.method = "k-induction";
                r.evidence = "k = " + std::to_string(k) + ", with " +
                             std::to_string(lemmas.invariants.size()) + " Houdini lemmas";
                for (const auto& l : lemmas.invariants)
                    r.lemmas.push_back(l.name);
                if (proved.size() > 1)
                    r.evidence += ", proved jointly with " + std::to_string(proved.size() - 1) +
                                  " other propert" + (proved.size() == 2 ? "y" : "ies");
                r.cti.reset();
                open[p] = false;
            }
            if (opts.emit_smt2 && !proved.empty()) {
                // Base: no jointly proved property fails below depth k.
                z3::expr_vector base_facts = copy_of(bp.facts);
                z3::expr any_bad = ctx.bool_val(false);
                for (size_t p : proved)
                    for (int i = 0; i < k; ++i)
                        any_bad = any_bad || !ts.holds(bp.states[i], opts.properties[p]);
                base_facts.push_back(any_bad);
                // Step: each of them, assuming all of them (and earlier proofs) before.
                z3::expr_vector step_facts = copy_of(sp.facts);
                for (size_t j = 0; j < sp.states.size(); ++j)
                    for (size_t i = 0; i < j; ++i)
                        step_facts.push_back(!ts.equal(sp.states[i], sp.states[j]));
                for (size_t q = 0; q < n_props; ++q)
                    if (result.properties[q].verdict == Verdict::Proved)
                        for (int i = 0; i < k; ++i)
                            step_facts.push_back(ts.holds(sp.states[i], opts.properties[q]));
                const auto lemma_obligations = lemma_obligations_of(ts, lemmas.invariants);
                for (size_t p : proved) {
                    auto& ob = result.properties[p].obligations;
                    for (const auto& [name, facts] : lemma_obligations)
                        ob.push_back(smt2_obligation(ctx, name, facts));
                    ob.push_back(smt2_obligation(ctx, "base", base_facts));
                    for (size_t q : proved) {
                        z3::expr_vector f = copy_of(step_facts);
                        f.push_back(!ts.holds(sp.states[k], opts.properties[q]));
                        ob.push_back(smt2_obligation(
                            ctx, std::string("step-") + property_info(opts.properties[q]).name, f));
                    }
                }
            }
            // After the obligations: settling every property interrupts this context.
            if (opts.settled)
                for (size_t p : proved)
                    opts.settled->settle(p);
            if (opts.progress)
                opts.progress({0, 0, k, deadline.elapsed()});
            if (deadline.expired())
                stop_reason = deadline.why() + " at k = " + std::to_string(k);
        }

    } catch (const z3::exception&) {
        if (!deadline.expired())
            throw;
        stop_reason = deadline.why() + " after k = " + std::to_string(last_k);
    }
    if (all_settled(opts.settled))
        stop_reason.clear(); // the portfolio has every verdict; nothing was cut short

    for (auto& r : result.properties) {
        if (r.verdict == Verdict::Violated || r.verdict == Verdict::Proved)
            continue;
        if (r.bound >= 0) {
            r.verdict = Verdict::Bounded;
            r.method = "k-induction (base case)";
            r.reason = "no violation up to depth " + std::to_string(r.bound) +
                       "; no inductive step up to k = " + std::to_string(last_k);
        }
        if (!stop_reason.empty())
            r.reason += (r.reason.empty() ? "" : "; ") + stop_reason;
    }
    result.stats.depth = last_k;
    result.stats.seconds = deadline.elapsed();
    return result;
}

} // namespace atscheck
