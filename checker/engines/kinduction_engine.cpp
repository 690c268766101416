#include "checker/engines/kinduction_engine.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "checker/engines/houdini.hpp"
#include "checker/engines/restarts.hpp"
#include "checker/engines/smt2.hpp"
#include "checker/engines/symbolic_run.hpp"

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

class KInduction {
  public:
    KInduction(const System& sys, const KInductionOptions& opts)
        : opts_(opts), run_(sys, opts.limits), ctx_(run_.ctx), ts_(run_.ts),
          n_(opts.properties.size()),
          result_(CheckResult::open(Engine::KInduction, opts.properties)), base_(ctx_), step_(ctx_),
          open_(n_, true) {}

    // Every Z3 call is inside the try: a limit may interrupt the context at
    // any time, even before the first check, and Z3 then throws "canceled".
    CheckResult run() {
        try {
            for (size_t p = 0; p < n_; ++p)
                assume_.push_back(ctx_.bool_const(("assume." + std::to_string(p)).c_str()));
            find_lemmas();
            start_paths();
            for (int k = 1; k <= opts_.max_k && any_open() && stop_reason_.empty(); ++k)
                if (!round(k))
                    break;
        } catch (const z3::exception&) {
            if (!run_.deadline.expired())
                throw;
            stop_reason_ = run_.deadline.why() + " after k = " + std::to_string(last_k_);
        }
        const int last_k = last_k_;
        close_open_properties(result_, run_, "k-induction (base case)", stop_reason_,
                              [last_k](int bound) {
                                  return "no violation up to depth " + std::to_string(bound) +
                                         "; no inductive step up to k = " + std::to_string(last_k);
                              });
        result_.stats.depth = last_k_;
        return std::move(result_);
    }

  private:
    const KInductionOptions& opts_;
    const SymbolicRun run_;
    z3::context& ctx_;
    const SymbolicSystem& ts_;
    const size_t n_; // properties
    CheckResult result_;
    HoudiniResult lemmas_;
    z3::solver base_, step_;
    std::optional<Path> bp_, sp_;  // the base case's path from init, the step case's from anywhere
    std::vector<z3::expr> assume_; // assume_[p]: "p holds at t_0 .. t_{k-1}" in the step solver
    std::vector<bool> open_;
    std::string stop_reason_;
    int last_k_ = 0; // the longest step case tried

    bool any_open() const { return std::find(open_.begin(), open_.end(), true) != open_.end(); }

    // Proved lemmas strengthen the step case: they hold in every reachable state.
    void find_lemmas() {
        lemmas_ = houdini(ts_, model_candidates(ts_, !opts_.lemmas), run_.deadline,
                          result_.stats.solver_calls);
        if (!lemmas_.complete && run_.deadline.expired())
            stop_reason_ = run_.deadline.why() + " while Houdini searched for lemmas";
    }

    z3::expr strengthen(const SymbolicState& t) const {
        return conjunction(ts_, lemmas_.invariants, t);
    }

    void start_paths() {
        bp_.emplace(Path{{ts_.fresh_state("s0.")}, {}, z3::expr_vector(ctx_)});
        bp_->facts.push_back(ts_.init(bp_->states[0]));
        base_.add(bp_->facts.back());
        sp_.emplace(Path{{ts_.fresh_state("t0.")}, {}, z3::expr_vector(ctx_)});
        sp_->facts.push_back(strengthen(sp_->states[0]));
        step_.add(sp_->facts.back());
    }

    // One k: the base case, the step case, and the proofs it gives. False
    // when the run ends here.
    bool round(int k) {
        base_case(k - 1);
        if (!stop_reason_.empty() || !any_open())
            return false;
        last_k_ = k;
        extend_step_path(k);
        const std::vector<size_t> proved = joint_fixpoint(k);
        if (!stop_reason_.empty())
            return false;
        record_proofs(proved, k);
        if (opts_.emit_smt2 && !proved.empty())
            record_obligations(proved, k);
        for (size_t p : proved) // after the obligations: settling may interrupt this context
            run_.settle(p);
        run_.progress(k);
        if (run_.deadline.expired())
            stop_reason_ = run_.deadline.why() + " at k = " + std::to_string(k);
        return true;
    }

    // Base case: no open property fails at `depth` (BMC, so a violation found
    // here is a shortest counterexample).
    void base_case(int depth) {
        if (depth > 0)
            extend(ts_, *bp_, base_, "s");
        for (size_t p = 0; p < n_ && stop_reason_.empty(); ++p) {
            if (!open_[p])
                continue;
            auto& r = result_.properties[p];
            z3::expr_vector bad(ctx_);
            bad.push_back(!ts_.holds(bp_->states[depth], r.property));
            run_.deadline.limit(base_);
            ++result_.stats.solver_calls;
            const auto cr = unless_expired(run_.deadline, base_.check(bad));
            if (cr == z3::sat) {
                r.verdict = Verdict::Violated;
                r.method = "k-induction (base case)";
                r.depth = depth;
                r.trace = ts_.read_trace(base_.get_model(), bp_->states, bp_->steps);
                open_[p] = false;
            } else if (cr == z3::unsat) {
                r.bound = depth;
            } else {
                stop_reason_ = "the solver returned unknown in the base case at depth " +
                               std::to_string(depth) + " (" + unknown_cause(run_.deadline, base_) +
                               ")";
            }
        }
    }

    // The step case's path grows to k+1 states t_0 .. t_k: loop-free, the
    // lemmas in every state, and property p assumed at t_{k-1} under assume_[p].
    void extend_step_path(int k) {
        extend(ts_, *sp_, step_, "t");
        sp_->facts.push_back(strengthen(sp_->states.back()));
        step_.add(sp_->facts.back());
        for (size_t j = 0; j + 1 < sp_->states.size(); ++j)
            step_.add(!ts_.equal(sp_->states[j], sp_->states.back()));
        for (size_t p = 0; p < n_; ++p)
            step_.add(z3::implies(assume_[p], ts_.holds(sp_->states[k - 1], opts_.properties[p])));
    }

    // The open properties proved together at k: each may assume the others
    // (and earlier proofs); one whose step fails is dropped, with its
    // counterexample to induction, and the rest are checked again.
    std::vector<size_t> joint_fixpoint(int k) {
        std::vector<bool> candidate = open_;
        for (bool dropped = true; dropped && stop_reason_.empty();) {
            dropped = false;
            for (size_t p = 0; p < n_ && stop_reason_.empty(); ++p)
                if (candidate[p] && !step_holds(p, k, candidate)) {
                    candidate[p] = false;
                    dropped = true;
                }
        }
        std::vector<size_t> proved;
        for (size_t p = 0; p < n_; ++p)
            if (candidate[p] && stop_reason_.empty())
                proved.push_back(p);
        return proved;
    }

    // One step query: can p fail at t_k with the candidates assumed before?
    // False with a counterexample to induction; true when unsat, and also
    // when unknown (then stop_reason_ is set and nothing is proved).
    bool step_holds(size_t p, int k, const std::vector<bool>& candidate) {
        z3::expr_vector assumptions(ctx_);
        for (size_t q = 0; q < n_; ++q)
            if (candidate[q] || result_.properties[q].verdict == Verdict::Proved)
                assumptions.push_back(assume_[q]);
        assumptions.push_back(!ts_.holds(sp_->states[k], opts_.properties[p]));
        ++result_.stats.solver_calls;
        const auto cr = check_with_restarts(step_, assumptions, run_.deadline);
        if (cr == z3::sat) {
            result_.properties[p].cti = ts_.read_trace(step_.get_model(), sp_->states, sp_->steps);
            return false;
        }
        if (cr == z3::unknown)
            stop_reason_ =
                "the solver returned unknown in the step case at k = " + std::to_string(k) + " (" +
                unknown_cause(run_.deadline, step_) + ")";
        return true;
    }

    void record_proofs(const std::vector<size_t>& proved, int k) {
        for (size_t p : proved) {
            auto& r = result_.properties[p];
            r.verdict = Verdict::Proved;
            r.method = "k-induction";
            r.evidence = "k = " + std::to_string(k) + ", with " +
                         std::to_string(lemmas_.invariants.size()) + " Houdini lemmas";
            for (const auto& l : lemmas_.invariants)
                r.lemmas.push_back(l.name);
            if (proved.size() > 1)
                r.evidence += ", proved jointly with " + std::to_string(proved.size() - 1) +
                              " other propert" + (proved.size() == 2 ? "y" : "ies");
            r.cti.reset();
            open_[p] = false;
        }
    }

    // --emit-smt2: the lemmas' initiation and consecution, the base case (no
    // jointly proved property fails below depth k) and one step per property
    // (it holds at t_k, assuming all of them, and earlier proofs, before).
    void record_obligations(const std::vector<size_t>& proved, int k) {
        z3::expr_vector base_facts = copy_of(bp_->facts);
        z3::expr any_bad = ctx_.bool_val(false);
        for (size_t p : proved)
            for (int i = 0; i < k; ++i)
                any_bad = any_bad || !ts_.holds(bp_->states[i], opts_.properties[p]);
        base_facts.push_back(any_bad);
        z3::expr_vector step_facts = copy_of(sp_->facts);
        for (size_t j = 0; j < sp_->states.size(); ++j)
            for (size_t i = 0; i < j; ++i)
                step_facts.push_back(!ts_.equal(sp_->states[i], sp_->states[j]));
        for (size_t q = 0; q < n_; ++q)
            if (result_.properties[q].verdict == Verdict::Proved)
                for (int i = 0; i < k; ++i)
                    step_facts.push_back(ts_.holds(sp_->states[i], opts_.properties[q]));
        const auto lemma_obligations = lemma_obligations_of(ts_, lemmas_.invariants);
        for (size_t p : proved) {
            auto& ob = result_.properties[p].obligations;
            for (const auto& [name, facts] : lemma_obligations)
                ob.push_back(smt2_obligation(ctx_, name, facts));
            ob.push_back(smt2_obligation(ctx_, "base", base_facts));
            for (size_t q : proved) {
                z3::expr_vector f = copy_of(step_facts);
                f.push_back(!ts_.holds(sp_->states[k], opts_.properties[q]));
                ob.push_back(smt2_obligation(
                    ctx_, std::string("step-") + property_info(opts_.properties[q]).name, f));
            }
        }
    }
};

} // namespace

CheckResult check_kinduction(const System& sys, const KInductionOptions& opts) {
    return KInduction(sys, opts).run();
}

} // namespace atscheck
