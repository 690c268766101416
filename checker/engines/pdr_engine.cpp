#include "checker/engines/pdr_engine.hpp"

#include <algorithm>

#include "checker/engines/bmc_engine.hpp"
#include "checker/engines/houdini.hpp"
#include "checker/engines/owned_context.hpp"
#include "checker/engines/smt2.hpp"
#include "checker/engines/symbolic_system.hpp"
#include "checker/limits/deadline.hpp"
#include "checker/reports/formula_text.hpp"

namespace atscheck {

namespace {

// Horn clauses over Inv(s); `background` is a proved invariant assumed in
// every transition and in the query, so lemmas found for one property help
// the next.
struct HornProblem {
    const SymbolicSystem& ts;
    const SymbolicState& s;
    z3::func_decl inv;
    std::vector<SymbolicStep> steps;

    HornProblem(const SymbolicSystem& t, const SymbolicState& state)
        : ts(t), s(state), inv(declare_inv(t, state)), steps(t.successors(state, "")) {}

    static z3::func_decl declare_inv(const SymbolicSystem& t, const SymbolicState& state) {
        z3::sort_vector domain(t.ctx());
        for (const auto& v : t.variables(state))
            domain.push_back(v.get_sort());
        return t.ctx().function("Inv", domain, t.ctx().bool_sort());
    }

    void add_to(z3::solver& horn, const z3::expr& background, const z3::expr& property) const {
        const z3::expr_vector vars = ts.variables(s);
        const z3::expr now = inv(vars) && background;
        horn.add(z3::forall(vars, z3::implies(ts.init(s), inv(vars))));
        for (const auto& st : steps) {
            z3::expr_vector bound = copy_of(vars);
            for (const auto& [name, input] : st.inputs)
                bound.push_back(input);
            horn.add(z3::forall(bound, z3::implies(now && st.guard, inv(ts.variables(st.post)))));
        }
        horn.add(z3::forall(vars, z3::implies(now && !property, ts.ctx().bool_val(false))));
    }
};

// The three obligations that make `inv` a proof of `property`; each is unsat.
std::vector<std::pair<std::string, z3::expr_vector>>
invariant_obligations(const SymbolicSystem& ts, const SymbolicState& s, const z3::expr& inv,
                      const z3::expr& property) {
    z3::context& ctx = ts.ctx();
    const SymbolicState t = ts.fresh_state("next.");
    const z3::expr inv_next = z3::expr(inv).substitute(ts.variables(s), ts.variables(t));
    std::vector<std::pair<std::string, z3::expr_vector>> out;
    auto obligation = [&](const char* name, std::initializer_list<z3::expr> facts) {
        z3::expr_vector v(ctx);
        for (const auto& f : facts)
            v.push_back(f);
        out.emplace_back(name, v);
    };
    obligation("initiation", {ts.init(s), !inv});
    obligation("consecution", {inv, ts.transition(s, t, "step."), !inv_next});
    obligation("safety", {inv, !property});
    return out;
}

enum class Outcome { Proved, Reachable, Settled, Unknown };

} // namespace

CheckResult check_pdr(const System& sys, const PdrOptions& opts) {
    const Deadline deadline(opts.timeout, opts.settled);
    CheckResult result = CheckResult::open(Engine::Pdr, opts.properties);
    const OwnedContext owned_ctx = make_owned_context(); // outlives every term below
    z3::context& ctx = *owned_ctx;
    const Watchdog watchdog(ctx, opts.timeout);
    const SettledFlags::InterruptWhenAllSettled stop_when_settled(opts.settled, ctx);
    const SymbolicSystem ts(ctx, sys);
    std::vector<PropertyId> reachable;
    std::vector<Outcome> outcome(opts.properties.size(), Outcome::Unknown);
    // A limit interrupts the context, and Z3 may then throw ("canceled") from
    // any call, not only a check: that ends the run like an expired deadline.
    try {
        const SymbolicState s = ts.fresh_state("");
        const HornProblem horn_problem(ts, s);
        const z3::expr_vector vars = ts.variables(s);
        // The conjunction of the invariants proved so far, starting with Houdini's lemmas.
        const HoudiniResult lemmas =
            houdini(ts, model_candidates(ts, !opts.lemmas), deadline, result.stats.solver_calls);
        z3::expr background = conjunction(ts, lemmas.invariants, s);
        // Rounds with a growing budget per query: the easy properties are proved
        // first, and their invariants then strengthen the hard ones.
        for (double budget = 2.0;; budget *= 4) {
            bool open = false;
            for (size_t p = 0; p < opts.properties.size(); ++p) {
                if (outcome[p] != Outcome::Unknown)
                    continue;
                if (opts.settled && opts.settled->settled(p)) {
                    result.properties[p].reason = "settled by another engine";
                    outcome[p] = Outcome::Settled;
                    continue;
                }
                if (deadline.expired() || watchdog.fired())
                    break;
                PropertyResult& r = result.properties[p];
                const z3::expr property = ts.holds(s, r.property);
                z3::solver horn(ctx, "HORN");
                // Z3 4.8.12 can map a model back wrongly through its slicing and
                // inlining transformations (the re-check below caught an invariant
                // that was not inductive), so Spacer works on the clauses as given.
                z3::params hp(ctx);
                hp.set("fp.xform.slice", false);
                hp.set("fp.xform.inline_linear", false);
                hp.set("fp.xform.inline_eager", false);
                horn.set(hp);
                horn_problem.add_to(horn, background, property);
                // Past ten minutes a round is unlimited: let Spacer finish.
                deadline.limit(horn, budget > 600 ? std::nullopt : std::optional<double>(budget));
                ++result.stats.solver_calls;
                const z3::check_result cr = unless_expired(deadline, horn.check());
                if (cr == z3::sat) {
                    // Without model completion: free constants must stay symbolic.
                    const z3::expr found = horn.get_model().eval(horn_problem.inv(vars), false);
                    const z3::expr inv = (found && background).simplify();
                    for (const auto& [name, facts] : invariant_obligations(ts, s, inv, property)) {
                        z3::solver check(ctx);
                        check.add(facts);
                        ++result.stats.solver_calls;
                        const z3::check_result recheck = unless_expired(deadline, check.check());
                        if (recheck == z3::unknown && deadline.expired())
                            throw z3::exception("canceled"); // ends the run below
                        if (recheck != z3::unsat)
                            throw std::logic_error(std::string("pdr: the invariant for ") +
                                                   property_info(r.property).name + " fails its " +
                                                   name + " check");
                        if (opts.emit_smt2)
                            r.obligations.push_back(smt2_obligation(ctx, name, facts));
                    }
                    r.verdict = Verdict::Proved;
                    r.method = "pdr";
                    // Spacer's own part; the checked invariant is it and the background.
                    r.evidence = "inductive invariant: Spacer's formula below, with " +
                                 std::to_string(lemmas.invariants.size()) +
                                 " Houdini lemmas and the invariants of earlier properties\n" +
                                 formula_text(sys, found.simplify());
                    for (const auto& l : lemmas.invariants)
                        r.lemmas.push_back(l.name);
                    background = inv;
                    outcome[p] = Outcome::Proved;
                    if (opts.settled)
                        opts.settled->settle(p);
                } else if (cr == z3::unsat) {
                    reachable.push_back(r.property);
                    outcome[p] = Outcome::Reachable;
                } else {
                    r.reason = "Spacer returned unknown (" + unknown_cause(deadline, horn) + ")";
                    open = true;
                }
                if (opts.progress)
                    opts.progress({0, 0, static_cast<int>(p), deadline.elapsed()});
            }
            if (!open || deadline.expired() || watchdog.fired())
                break;
        }

    } catch (const z3::exception&) {
        if (!deadline.expired() && !watchdog.fired())
            throw;
    }
    // What a limit left unanswered, whether it threw or ended the rounds.
    if (deadline.expired())
        for (size_t p = 0; p < opts.properties.size(); ++p)
            if (outcome[p] == Outcome::Unknown && result.properties[p].reason.empty())
                result.properties[p].reason = deadline.why();

    // Spacer says these are reachable; BMC, without a depth bound, finds the
    // shortest counterexample of each.
    if (!reachable.empty()) {
        BmcOptions bo{reachable, 1 << 20, std::nullopt, nullptr};
        if (opts.timeout)
            bo.timeout = std::max(0.0, *opts.timeout - deadline.elapsed());
        const CheckResult bmc = check_bmc(sys, bo);
        for (const auto& b : bmc.properties)
            for (auto& r : result.properties)
                if (r.property == b.property) {
                    r = b;
                    if (r.verdict == Verdict::Violated)
                        r.method = "pdr, trace by bmc";
                    else
                        r.reason = "Spacer found it reachable, but BMC did not finish: " + r.reason;
                }
        result.stats.solver_calls += bmc.stats.solver_calls;
    }
    result.stats.seconds = deadline.elapsed();
    return result;
}

} // namespace atscheck
