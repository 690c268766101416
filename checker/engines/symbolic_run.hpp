// The scaffolding every symbolic engine (BMC, k-induction, PDR) stands on, in
// the order it must be built and torn down: a Z3 context deleted in the
// background (owned_context.hpp), the deadline, a watchdog that interrupts the
// context when the time is up (building a large formula is not a check, and
// Spacer does not always honour a solver timeout), the portfolio's interrupt
// once every property is settled, and the transition system.
#pragma once

#include <string>

#include "checker/engines/owned_context.hpp"
#include "checker/engines/run_limits.hpp"
#include "checker/engines/settled_flags.hpp"
#include "checker/engines/symbolic_system.hpp"
#include "checker/limits/deadline.hpp"

namespace atscheck {

class SymbolicRun {
  public:
    SymbolicRun(const System& sys, const RunLimits& limits)
        : owned_(make_owned_context()), ctx(*owned_), deadline(limits.timeout, limits.settled),
          watchdog_(ctx, limits.timeout), stop_when_settled_(limits.settled, ctx), ts(ctx, sys),
          limits_(limits) {}

  private:
    const OwnedContext owned_; // outlives every term below

  public:
    z3::context& ctx;
    const Deadline deadline;

  private:
    const Watchdog watchdog_;
    const SettledFlags::InterruptWhenAllSettled stop_when_settled_;

  public:
    const SymbolicSystem ts;

    // A limit (or, in a portfolio, the last property settled) interrupts the
    // context, and Z3 may then throw ("canceled") from any call, not only a
    // check. True when that is why it threw: the run ends like an expired
    // deadline; otherwise the error is real and propagates.
    bool interrupted() const { return deadline.expired() || watchdog_.fired(); }
    // Property p was settled by another engine of the portfolio.
    bool settled_elsewhere(size_t p) const {
        return limits_.settled && limits_.settled->settled(p);
    }
    // Tells the portfolio that p is settled. Call it last: settling every
    // property interrupts this context.
    void settle(size_t p) const {
        if (limits_.settled)
            limits_.settled->settle(p);
    }
    void progress(int depth) const {
        if (limits_.progress)
            limits_.progress({0, 0, depth, deadline.elapsed()});
    }
    // The portfolio has every verdict: nothing was cut short.
    bool all_settled() const { return atscheck::all_settled(limits_.settled); }

  private:
    const RunLimits limits_;
};

// Closes what a BMC or k-induction run left open: a property that got through
// depth `bound` without a violation is bounded, by `method`, for the reason
// `bounded_reason(bound)` gives; every open property also carries
// `stop_reason`, unless the portfolio has every verdict.
template <class Reason>
void close_open_properties(CheckResult& result, const SymbolicRun& run, const char* method,
                           std::string stop_reason, Reason bounded_reason) {
    if (run.all_settled())
        stop_reason.clear();
    for (auto& r : result.properties) {
        if (r.verdict == Verdict::Violated || r.verdict == Verdict::Proved)
            continue;
        if (r.bound >= 0) {
            r.verdict = Verdict::Bounded;
            r.method = method;
            r.reason = bounded_reason(r.bound);
        }
        if (!stop_reason.empty())
            r.reason += (r.reason.empty() ? "" : "; ") + stop_reason;
    }
    result.stats.seconds = run.deadline.elapsed();
}

} // namespace atscheck
