#include "checker/engines/simulation.hpp"

#include <chrono>
#include <random>

#include "checker/limits/deadline.hpp"

namespace atscheck {

namespace {
struct Successor {
    ActionInstance action;
    std::vector<Pick> picks;
    ConcreteState state;
};
} // namespace

CheckResult check_simulation(const System& sys, const SimulationOptions& opts) {
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };
    const Deadline deadline(opts.limits.timeout);

    CheckResult result;
    result.engine = Engine::Simulate;
    for (PropertyId id : opts.properties)
        result.properties.push_back(PropertyResult{id});
    std::mt19937_64 rng(opts.seed);
    const auto inits = initial_states(sys);
    const auto instances = action_instances(sys);
    std::string stop_reason;
    auto last_report = t0;

    // Records a violation by `trace`, keeping the shortest one seen per property.
    auto check = [&](const Trace& trace) {
        for (auto& r : result.properties) {
            ConcreteState s = trace.last();
            ConcreteContext x(s);
            if (property_holds(x, sys, r.property))
                continue;
            const int len = static_cast<int>(trace.steps.size());
            if (r.verdict != Verdict::Violated || len < r.depth) {
                r.verdict = Verdict::Violated;
                r.depth = len;
                r.trace = trace;
            }
        }
    };

    int run = 0;
    for (; run < opts.runs; ++run) {
        if (deadline.expired()) {
            stop_reason = deadline.why();
            break;
        }
        if (opts.limits.progress && Clock::now() - last_report > std::chrono::milliseconds(100)) {
            last_report = Clock::now();
            opts.limits.progress(
                {result.stats.states, result.stats.transitions, opts.max_depth, elapsed()});
        }
        Trace trace;
        trace.initial = inits[std::uniform_int_distribution<size_t>(0, inits.size() - 1)(rng)];
        check(trace);
        for (int step = 0; step < opts.max_depth; ++step) {
            std::vector<Successor> next;
            ConcreteState cur = trace.last(), post = cur;
            for (const auto& a : instances) {
                ConcreteContext guard(cur);
                if (!action_enabled(guard, sys, a))
                    continue;
                for_each_outcome(sys, cur, a, post,
                                 [&](const ConcreteState& s, const ChoiceScript& c) {
                                     next.push_back({a, picks_of(c), s});
                                 });
            }
            if (next.empty())
                break; // a deadlock ends the walk
            auto& pick = next[std::uniform_int_distribution<size_t>(0, next.size() - 1)(rng)];
            trace.steps.push_back({pick.action, pick.picks, pick.state});
            ++result.stats.transitions;
            check(trace);
        }
        ++result.stats.runs;
        result.stats.states += trace.steps.size() + 1;
    }
    for (auto& r : result.properties)
        if (r.verdict != Verdict::Violated)
            r.reason = stop_reason.empty()
                           ? "no violation in " + std::to_string(run) + " random runs of up to " +
                                 std::to_string(opts.max_depth) + " steps (seed " +
                                 std::to_string(opts.seed) + "); simulation proves nothing"
                           : stop_reason + " after " + std::to_string(run) + " random runs";
    result.stats.depth = opts.max_depth;
    result.stats.seconds = elapsed();
    return result;
}

} // namespace atscheck
