#include "checker/engines/houdini.hpp"

#include <unordered_map>

#include "checker/engines/symmetry.hpp"

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

// images[g][i]: the candidate that is candidate i with the units of symmetry
// generator g swapped, or -1 when none is (syntactically). The system treats
// interchangeable units alike, so Houdini's fixpoint, the largest jointly
// inductive subset, is closed under these swaps: once a candidate fails, its
// whole orbit can go in the same round. Same fixpoint, far fewer rounds on a
// fleet of identical PF/VF pairs.
std::vector<std::vector<int>> symmetric_images(const SymbolicSystem& ts,
                                               const std::vector<Candidate>& candidates,
                                               const SymbolicState& s) {
    // Z3 shares equal terms, so equal ids mean equal candidates while the
    // terms live (a dead term's id is reused): `at_s` keeps them alive.
    z3::expr_vector at_s(ts.ctx());
    std::unordered_map<unsigned, int> by_id;
    for (size_t i = 0; i < candidates.size(); ++i) {
        at_s.push_back(candidates[i].at(s));
        by_id.emplace(at_s.back().id(), static_cast<int>(i));
    }
    const z3::expr_vector vars = ts.variables(s);
    std::vector<std::vector<int>> images;
    for (const auto& perm : Symmetry(ts.system()).generators()) {
        SymbolicState swapped = s;
        size_t f = 0;
        zip_fields([&](z3::expr& v) { v = vars[perm[f++]]; }, swapped);
        std::vector<int>& image = images.emplace_back(candidates.size(), -1);
        for (size_t i = 0; i < candidates.size(); ++i) {
            const auto it = by_id.find(candidates[i].at(swapped).id());
            if (it != by_id.end())
                image[i] = it->second;
        }
    }
    return images;
}

// Candidate i is in play while alive[i]; fail[i] says it fails, and assume[i]
// (when given) switches it on as a hypothesis.
struct Pool {
    std::vector<bool> alive;
    std::vector<z3::expr> fail, assume;
};

// Drops, round by round, the candidates (with their orbits) that the solver
// can falsify: it is asked for a model of "some survivor fails" under the
// survivors' assumption literals.
bool prune(z3::solver& solver, Pool& pool, const std::vector<std::vector<int>>& images,
           const Deadline& deadline, uint64_t& solver_calls, size_t& dropped) {
    z3::context& ctx = solver.ctx();
    const size_t n = pool.alive.size();
    for (;;) {
        z3::expr_vector assumptions(ctx);
        z3::expr some_fails = ctx.bool_val(false);
        for (size_t i = 0; i < n; ++i) {
            if (!pool.alive[i])
                continue;
            if (!pool.assume.empty())
                assumptions.push_back(pool.assume[i]);
            some_fails = some_fails || pool.fail[i];
        }
        if (some_fails.is_false())
            return true;
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
        std::vector<size_t> orbit;
        auto drop = [&](size_t i) {
            pool.alive[i] = false;
            ++dropped;
            orbit.push_back(i);
        };
        for (size_t i = 0; i < n; ++i)
            if (pool.alive[i] && m.eval(pool.fail[i], true).is_true())
                drop(i);
        while (!orbit.empty()) {
            const size_t i = orbit.back();
            orbit.pop_back();
            for (const auto& image : images)
                if (image[i] >= 0 && pool.alive[image[i]])
                    drop(static_cast<size_t>(image[i]));
        }
    }
}

std::vector<Candidate> survivors(std::vector<Candidate> candidates,
                                 const std::vector<bool>& alive) {
    std::vector<Candidate> out;
    for (size_t i = 0; i < candidates.size(); ++i)
        if (alive[i])
            out.push_back(std::move(candidates[i]));
    return out;
}

} // namespace

HoudiniResult houdini(const SymbolicSystem& ts, std::vector<Candidate> candidates,
                      const Deadline& deadline, uint64_t& solver_calls, bool orbits) {
    z3::context& ctx = ts.ctx();
    HoudiniResult result;
    // model_candidates() may have been interrupted while it chose the constants.
    if (deadline.expired()) {
        result.complete = false;
        return result;
    }
    const SymbolicState s = ts.fresh_state("h0.");
    const auto images =
        orbits ? symmetric_images(ts, candidates, s) : std::vector<std::vector<int>>{};
    Pool pool{std::vector<bool>(candidates.size(), true), {}, {}};

    // Initiation.
    z3::solver init(ctx);
    init.add(ts.init(s));
    for (const auto& c : candidates)
        pool.fail.push_back(!c.at(s));
    if (!prune(init, pool, images, deadline, solver_calls, result.dropped)) {
        result.complete = false;
        return result;
    }

    // Consecution: survivors at s, one transition, some survivor fails at t.
    z3::solver step(ctx);
    z3::expr enabled = ctx.bool_val(true);
    const SymbolicState t = ts.next(s, "h.", enabled);
    step.add(enabled);
    pool.fail.clear();
    for (size_t i = 0; i < candidates.size(); ++i) {
        if (!pool.alive[i]) { // never asked about again; keeps the solver small
            pool.assume.push_back(ctx.bool_val(false));
            pool.fail.push_back(ctx.bool_val(false));
            continue;
        }
        pool.assume.push_back(ctx.bool_const(("lemma." + std::to_string(i)).c_str()));
        step.add(z3::implies(pool.assume.back(), candidates[i].at(s)));
        pool.fail.push_back(!candidates[i].at(t));
    }
    if (!prune(step, pool, images, deadline, solver_calls, result.dropped)) {
        result.complete = false;
        return result;
    }
    result.invariants = survivors(std::move(candidates), pool.alive);
    return result;
}

} // namespace atscheck
