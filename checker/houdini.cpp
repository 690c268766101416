#include "checker/houdini.hpp"

#include "properties/lemmas.hpp"

namespace atscheck {

std::vector<Candidate> model_candidates(const SymbolicSystem& ts, bool ranges_only) {
    std::vector<Candidate> out;
    out.push_back({"ranges", [&ts](const SymbolicState& s) { return ts.in_range(s); }});
    if (ranges_only)
        return out;
    // Every field that starts at a fixed value may never change (the revision
    // may not touch it, e.g. ats_cap without a quirk); most are dropped at once.
    const auto inits = initial_states(ts.system());
    const SymbolicState first = ts.fresh_state("init.");
    z3::solver fixed(ts.ctx());
    fixed.add(ts.init(first));
    const z3::expr_vector vars = ts.variables(first);
    for (unsigned i = 0; i < vars.size(); ++i) {
        fixed.push();
        const z3::expr value =
            fixed.check() == z3::sat ? fixed.get_model().eval(vars[i], true) : vars[i];
        fixed.add(vars[i] != value);
        const bool constant = fixed.check() == z3::unsat;
        fixed.pop();
        if (constant)
            out.push_back(
                {"unchanged[" + ts.fields()[i].name + "]",
                 [&ts, i, value](const SymbolicState& s) { return ts.variables(s)[i] == value; }});
    }
    for (const LemmaInstance& l : lemma_candidates(ts.system()))
        out.push_back({lemma_name(ts.system(), l), [&ts, l](const SymbolicState& s) {
                           SymbolicState copy = s;
                           SymbolicContext x(ts.ctx(), copy, "");
                           return lemma_holds(x, ts.system(), l);
                       }});
    return out;
}

z3::expr conjunction(const SymbolicSystem& ts, const std::vector<Candidate>& invariants,
                     const SymbolicState& s) {
    z3::expr all = ts.ctx().bool_val(true);
    for (const auto& c : invariants)
        all = all && c.at(s);
    return all;
}

namespace {

// Drops, round by round, the candidates that `bad_of` can falsify, where the
// solver is asked for a model of "some survivor fails" under `assume` (one
// literal per candidate, switched on while it survives).
bool prune(z3::solver& solver, std::vector<Candidate>& alive, std::vector<z3::expr>& fail,
           std::vector<z3::expr>& assume, const Deadline& deadline, uint64_t& solver_calls,
           size_t& dropped) {
    z3::context& ctx = solver.ctx();
    for (;;) {
        if (alive.empty())
            return true;
        z3::expr_vector assumptions(ctx);
        z3::expr some_fails = ctx.bool_val(false);
        for (size_t i = 0; i < alive.size(); ++i) {
            if (!assume.empty())
                assumptions.push_back(assume[i]);
            some_fails = some_fails || fail[i];
        }
        z3::expr round(ctx, Z3_mk_fresh_const(ctx, "round", ctx.bool_sort()));
        solver.add(z3::implies(round, some_fails));
        assumptions.push_back(round);
        deadline.limit(solver);
        ++solver_calls;
        const z3::check_result cr = unless_expired(deadline, solver.check(assumptions));
        if (cr == z3::unsat)
            return true;
        if (cr == z3::unknown)
            return false;
        const z3::model m = solver.get_model();
        size_t keep = 0;
        for (size_t i = 0; i < alive.size(); ++i) {
            if (m.eval(fail[i], true).is_true()) {
                ++dropped;
                continue;
            }
            alive[keep] = alive[i];
            fail[keep] = fail[i];
            if (!assume.empty())
                assume[keep] = assume[i];
            ++keep;
        }
        alive.resize(keep);
        fail.erase(fail.begin() + static_cast<long>(keep), fail.end());
        if (!assume.empty())
            assume.erase(assume.begin() + static_cast<long>(keep), assume.end());
    }
}

} // namespace

HoudiniResult houdini(const SymbolicSystem& ts, std::vector<Candidate> candidates,
                      const Deadline& deadline, uint64_t& solver_calls) {
    z3::context& ctx = ts.ctx();
    HoudiniResult result;
    // model_candidates() may have been interrupted while it chose the constants.
    if (deadline.expired()) {
        result.complete = false;
        return result;
    }
    const SymbolicState s = ts.fresh_state("h0.");

    // Initiation.
    z3::solver init(ctx);
    init.add(ts.init(s));
    std::vector<z3::expr> fail, none;
    for (const auto& c : candidates)
        fail.push_back(!c.at(s));
    if (!prune(init, candidates, fail, none, deadline, solver_calls, result.dropped)) {
        result.complete = false;
        return result;
    }

    // Consecution: survivors at s, one transition, some survivor fails at t.
    z3::solver step(ctx);
    z3::expr enabled = ctx.bool_val(true);
    const SymbolicState t = ts.next(s, "h.", enabled);
    step.add(enabled);
    std::vector<z3::expr> assume;
    fail.clear();
    for (size_t i = 0; i < candidates.size(); ++i) {
        assume.push_back(ctx.bool_const(("lemma." + std::to_string(i)).c_str()));
        step.add(z3::implies(assume.back(), candidates[i].at(s)));
        fail.push_back(!candidates[i].at(t));
    }
    if (!prune(step, candidates, fail, assume, deadline, solver_calls, result.dropped)) {
        result.complete = false;
        return result;
    }
    result.invariants = std::move(candidates);
    return result;
}

} // namespace atscheck
