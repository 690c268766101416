#include "checker/engines/bmc_engine.hpp"

#include "checker/engines/smt2.hpp"
#include "checker/engines/symbolic_run.hpp"

namespace atscheck {

namespace {

class Bmc {
  public:
    Bmc(const System& sys, const BmcOptions& opts)
        : opts_(opts), run_(sys, opts.limits), ctx_(run_.ctx), ts_(run_.ts), solver_(ctx_),
          facts_(ctx_), result_(CheckResult::open(Engine::Bmc, opts.properties)) {}

    // Every Z3 call is inside the try: a limit may interrupt the context at
    // any time, even before the first check, and Z3 then throws "canceled".
    CheckResult run() {
        std::string stop_reason;
        int depth = 0;
        try {
            states_.push_back(ts_.fresh_state("s0."));
            assert_fact(ts_.init(states_[0]));
            for (;; ++depth) {
                if (run_.deadline.expired()) {
                    stop_reason = run_.deadline.why() + " at depth " + std::to_string(depth);
                    break;
                }
                stop_reason = check_depth(depth);
                run_.progress(depth);
                if (open_count() == 0 || depth >= opts_.max_depth || !stop_reason.empty())
                    break;
                unroll(depth);
            }
        } catch (const z3::exception&) {
            if (!run_.deadline.expired())
                throw;
            stop_reason = run_.deadline.why() + " at depth " + std::to_string(depth);
        }
        // A property that got through depth K holds up to K, even when a limit
        // stopped the unrolling before max_depth.
        close_open_properties(result_, run_, "bmc", stop_reason, [](int bound) {
            return "no violation up to depth " + std::to_string(bound);
        });
        result_.stats.depth = depth;
        return std::move(result_);
    }

  private:
    const BmcOptions& opts_;
    const SymbolicRun run_;
    z3::context& ctx_;
    const SymbolicSystem& ts_;
    z3::solver solver_;
    std::vector<SymbolicState> states_;
    std::vector<StepInputs> steps_;
    z3::expr_vector facts_; // the unrolling so far, for --emit-smt2
    CheckResult result_;

    void assert_fact(const z3::expr& f) {
        facts_.push_back(f);
        solver_.add(f);
    }

    bool skip(size_t p) const {
        return result_.properties[p].verdict == Verdict::Violated || run_.settled_elsewhere(p);
    }

    size_t open_count() const {
        size_t open = 0;
        for (size_t p = 0; p < result_.properties.size(); ++p)
            open += !skip(p);
        return open;
    }

    // Checks every open property at `depth`; the reason to stop, if any.
    std::string check_depth(int depth) {
        run_.deadline.limit(solver_);
        for (size_t p = 0; p < result_.properties.size(); ++p) {
            if (skip(p))
                continue;
            auto& r = result_.properties[p];
            // One assumption literal per property and depth keeps the solver incremental.
            z3::expr bad = ctx_.bool_const(
                ("bad." + std::to_string(depth) + "." + property_info(r.property).name).c_str());
            solver_.add(bad == !ts_.holds(states_[depth], r.property));
            z3::expr_vector assumptions(ctx_);
            assumptions.push_back(bad);
            ++result_.stats.solver_calls;
            const z3::check_result cr = unless_expired(run_.deadline, solver_.check(assumptions));
            if (cr == z3::unsat)
                r.bound = depth;
            else if (cr == z3::sat)
                found(p, depth);
            else
                return "the solver returned unknown at depth " + std::to_string(depth) + " (" +
                       unknown_cause(run_.deadline, solver_) + ")";
        }
        return "";
    }

    void found(size_t p, int depth) {
        auto& r = result_.properties[p];
        r.verdict = Verdict::Violated;
        r.depth = depth;
        r.method = "bmc";
        r.trace = ts_.read_trace(solver_.get_model(), states_, steps_);
        if (opts_.emit_smt2) {
            z3::expr_vector query = copy_of(facts_);
            query.push_back(!ts_.holds(states_[depth], r.property));
            r.obligations.push_back(smt2_obligation(ctx_, "counterexample", query, "sat"));
        }
        run_.settle(p);
    }

    void unroll(int depth) {
        states_.push_back(ts_.fresh_state("s" + std::to_string(depth + 1) + "."));
        steps_.emplace_back(StepInputs{ctx_.bool_val(false), {}});
        assert_fact(ts_.transition(states_[depth], states_[depth + 1],
                                   "k" + std::to_string(depth) + ".", &steps_.back()));
    }
};

} // namespace

CheckResult check_bmc(const System& sys, const BmcOptions& opts) {
    return Bmc(sys, opts).run();
}

} // namespace atscheck
