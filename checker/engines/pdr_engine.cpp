#include "checker/engines/pdr_engine.hpp"
#include "checker/internal_error.hpp"

#include <algorithm>

#include "checker/engines/bmc_engine.hpp"
#include "checker/engines/houdini.hpp"
#include "checker/engines/smt2.hpp"
#include "checker/engines/symbolic_run.hpp"
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

enum class QueryOutcome { Proved, Reachable, Settled, Unknown };

class Pdr {
  public:
    Pdr(const System& sys, const PdrOptions& opts)
        : sys_(sys), opts_(opts), run_(sys, opts.limits), ctx_(run_.ctx), ts_(run_.ts),
          result_(CheckResult::open(Engine::Pdr, opts.properties)),
          outcome_(opts.properties.size(), QueryOutcome::Unknown) {}

    // Every Z3 call is inside the try: a limit may interrupt the context at
    // any time, even before the first query, and Z3 then throws "canceled".
    CheckResult run() {
        try {
            s_.emplace(ts_.fresh_state(""));
            const HornProblem horn_problem(ts_, *s_);
            // The conjunction of the invariants proved so far, starting with Houdini's lemmas.
            lemmas_ = houdini(ts_, model_candidates(ts_, !opts_.lemmas), run_.deadline,
                              result_.stats.solver_calls);
            background_ = conjunction(ts_, lemmas_.invariants, *s_);
            // Rounds with a growing budget per query: the easy properties are
            // proved first, and their invariants then strengthen the hard ones.
            for (double budget = 2.0; round(horn_problem, budget); budget *= 4) {
            }
        } catch (const z3::exception&) {
            if (!run_.interrupted())
                throw;
        }
        // What a limit left unanswered, whether it threw or ended the rounds.
        if (run_.deadline.expired())
            for (size_t p = 0; p < outcome_.size(); ++p)
                if (outcome_[p] == QueryOutcome::Unknown && result_.properties[p].reason.empty())
                    result_.properties[p].reason = run_.deadline.why();
        traces_by_bmc();
        result_.stats.seconds = run_.deadline.elapsed();
        return std::move(result_);
    }

  private:
    const System& sys_;
    const PdrOptions& opts_;
    const SymbolicRun run_;
    z3::context& ctx_;
    const SymbolicSystem& ts_;
    CheckResult result_;
    std::vector<QueryOutcome> outcome_;
    std::vector<PropertyId> reachable_;
    std::optional<SymbolicState> s_; // the state Inv ranges over
    HoudiniResult lemmas_;
    std::optional<z3::expr> background_; // the invariants proved so far

    // One query per open property within `budget` seconds; true when another
    // round may settle more.
    bool round(const HornProblem& horn_problem, double budget) {
        bool open = false;
        for (size_t p = 0; p < outcome_.size(); ++p) {
            if (outcome_[p] != QueryOutcome::Unknown)
                continue;
            if (run_.settled_elsewhere(p)) {
                result_.properties[p].reason = "settled by another engine";
                outcome_[p] = QueryOutcome::Settled;
                continue;
            }
            if (run_.interrupted())
                break;
            open = !prove(p, horn_problem, budget) || open;
            run_.progress(static_cast<int>(p));
        }
        return open && !run_.interrupted();
    }

    // Spacer on property p: proved, reachable, or (false) unknown within the budget.
    bool prove(size_t p, const HornProblem& horn_problem, double budget) {
        PropertyResult& r = result_.properties[p];
        const z3::expr property = ts_.holds(*s_, r.property);
        z3::solver horn(ctx_, "HORN");
        // Z3 4.8.12 can map a model back wrongly through its slicing and
        // inlining transformations (the re-check below caught an invariant
        // that was not inductive), so Spacer works on the clauses as given.
        z3::params hp(ctx_);
        hp.set("fp.xform.slice", false);
        hp.set("fp.xform.inline_linear", false);
        hp.set("fp.xform.inline_eager", false);
        horn.set(hp);
        horn_problem.add_to(horn, *background_, property);
        // Past ten minutes a round is unlimited: let Spacer finish.
        run_.deadline.limit(horn, budget > 600 ? std::nullopt : std::optional<double>(budget));
        ++result_.stats.solver_calls;
        const z3::check_result cr = unless_expired(run_.deadline, horn.check());
        if (cr == z3::sat) {
            // Without model completion: free constants must stay symbolic.
            accept(p, horn.get_model().eval(horn_problem.inv(ts_.variables(*s_)), false), property);
        } else if (cr == z3::unsat) {
            reachable_.push_back(r.property);
            outcome_[p] = QueryOutcome::Reachable;
        } else {
            r.reason = "Spacer returned unknown (" + unknown_cause(run_.deadline, horn) + ")";
            return false;
        }
        return true;
    }

    // Spacer's model is never trusted: a fresh solver re-checks initiation,
    // consecution and safety of it with the background before p is proved.
    void accept(size_t p, const z3::expr& found, const z3::expr& property) {
        PropertyResult& r = result_.properties[p];
        const z3::expr inv = (found && *background_).simplify();
        for (const auto& [name, facts] : invariant_obligations(ts_, *s_, inv, property)) {
            z3::solver check(ctx_);
            check.add(facts);
            ++result_.stats.solver_calls;
            const z3::check_result recheck = unless_expired(run_.deadline, check.check());
            if (recheck == z3::unknown && run_.deadline.expired())
                throw z3::exception("canceled"); // ends the run
            if (recheck != z3::unsat)
                throw InternalError(std::string("pdr: the invariant for ") +
                                    property_info(r.property).name + " fails its " + name +
                                    " check");
            if (opts_.emit_smt2)
                r.obligations.push_back(smt2_obligation(ctx_, name, facts));
        }
        r.verdict = Verdict::Proved;
        r.method = "pdr";
        // Spacer's own part; the checked invariant is it and the background.
        r.evidence = "inductive invariant: Spacer's formula below, with " +
                     std::to_string(lemmas_.invariants.size()) +
                     " Houdini lemmas and the invariants of earlier properties\n" +
                     formula_text(sys_, found.simplify());
        for (const auto& l : lemmas_.invariants)
            r.lemmas.push_back(l.name);
        background_ = inv;
        outcome_[p] = QueryOutcome::Proved;
        run_.settle(p);
    }

    // Spacer says these are reachable; BMC, without a depth bound, finds the
    // shortest counterexample of each.
    void traces_by_bmc() {
        if (reachable_.empty())
            return;
        const CheckResult bmc =
            check_bmc(sys_, BmcOptions{.properties = reachable_,
                                       .limits = RunLimits{.timeout = opts_.limits.timeout}.after(
                                           run_.deadline.elapsed()),
                                       .max_depth = 1 << 20});
        for (const auto& b : bmc.properties)
            for (auto& r : result_.properties)
                if (r.property == b.property) {
                    r = b;
                    if (r.verdict == Verdict::Violated)
                        r.method = "pdr, trace by bmc";
                    else
                        r.reason = "Spacer found it reachable, but BMC did not finish: " + r.reason;
                }
        result_.stats.solver_calls += bmc.stats.solver_calls;
    }
};

} // namespace

CheckResult check_pdr(const System& sys, const PdrOptions& opts) {
    return Pdr(sys, opts).run();
}

} // namespace atscheck
