#include "checker/engines/explicit_engine.hpp"

#include <chrono>
#include <cstring>
#include <new>

#include "checker/engines/state_codec.hpp"
#include "checker/engines/state_store.hpp"
#include "checker/engines/symmetry.hpp"
#include "checker/limits/deadline.hpp"

namespace atscheck {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Rebuilds the path to state `index` on the concrete model. With symmetry
// reduction, the stored states are representatives and a stored step was taken
// from the parent's representative, so each step is found again: the action
// and picks that lead from the actual state to one whose representative is
// the stored child.
Trace rebuild_trace(const System& sys, const StateStore& store, uint32_t index,
                    const std::vector<ActionInstance>& instances, const Symmetry& symmetry) {
    std::vector<uint32_t> path;
    for (uint32_t i = index; i != StateStore::kNoParent; i = store.parent(i))
        path.push_back(i);
    Trace t;
    t.initial = shaped_state<Concrete>(sys.num_devices(), sys.num_domains(), false, 0);
    unpack_state(store.state(path.back()), t.initial);
    ConcreteState cur = t.initial, post = t.initial;
    std::vector<int8_t> packed(store.state_bytes());
    for (auto it = path.rbegin() + 1; it != path.rend(); ++it) {
        const int8_t* want = store.state(*it);
        bool found = false;
        for (size_t a = 0; a < instances.size() && !found; ++a) {
            ConcreteContext guard(cur);
            if (!action_enabled(guard, sys, instances[a]))
                continue;
            for_each_outcome(sys, cur, instances[a], post,
                             [&](const ConcreteState& s, const ChoiceScript& script) {
                                 if (found)
                                     return;
                                 pack_state(s, packed.data());
                                 symmetry.canonicalize(packed.data());
                                 if (std::memcmp(packed.data(), want, packed.size()) != 0)
                                     return;
                                 found = true;
                                 t.steps.push_back({instances[a], picks_of(script), s});
                             });
        }
        if (!found)
            throw std::logic_error("explicit engine: a rebuilt trace does not reach its state");
        cur = t.steps.back().state;
    }
    return t;
}

} // namespace

CheckResult check_explicit(const System& sys, const ExplicitOptions& opts) {
    const auto t0 = Clock::now();
    const Deadline deadline(opts.timeout);
    CheckResult result;
    result.engine = Engine::Explicit;
    for (PropertyId id : opts.properties)
        result.properties.push_back(PropertyResult{id});

    const auto instances = action_instances(sys);
    const int width = packed_size(sys);
    StateStore store(width);
    const Symmetry symmetry = opts.symmetry && !opts.coverage ? Symmetry(sys) : Symmetry::none();
    std::vector<int8_t> packed(width);
    std::vector<uint32_t> violating(opts.properties.size(), StateStore::kNoParent);
    size_t open = opts.properties.size(); // properties not yet violated

    // Checks the new state at `index`; true when every property is now violated.
    ConcreteState scratch = shaped_state<Concrete>(sys.num_devices(), sys.num_domains(), false, 0);
    if (opts.coverage)
        opts.coverage->fires.assign(instances.size(), 0);
    BranchCounts* branches = opts.coverage ? &opts.coverage->branches : nullptr;
    auto check_new = [&](const ConcreteState& s, uint32_t index) {
        scratch = s;
        ConcreteContext x(scratch); // properties read x.s, which must be mutable
        for (size_t p = 0; p < opts.properties.size(); ++p)
            if (violating[p] == StateStore::kNoParent &&
                !property_holds(x, sys, opts.properties[p])) {
                violating[p] = index;
                --open;
            }
        return open == 0 && !opts.coverage;
    };

    std::string stop_reason;
    int complete_depth = -1; // every state up to this depth has been checked
    bool all_violated = false;
    try {
        for (const auto& init : initial_states(sys)) {
            pack_state(init, packed.data());
            symmetry.canonicalize(packed.data());
            auto [index, fresh] = store.insert(packed.data(), StateStore::kNoParent, 0, 0);
            if (fresh)
                all_violated = check_new(init, index) || all_violated;
        }
        ConcreteState cur = scratch, post = scratch;
        size_t level_end = store.size();
        int depth = 0;
        auto last_report = t0;
        for (size_t i = 0; i < store.size() && !all_violated; ++i) {
            if (i == level_end) {
                ++depth;
                level_end = store.size();
            }
            complete_depth = depth;
            if (opts.max_depth && depth >= *opts.max_depth) {
                stop_reason =
                    "depth bound reached (--depth " + std::to_string(*opts.max_depth) + ")";
                break;
            }
            if ((i & 1023) == 0) {
                if (deadline.expired()) {
                    stop_reason = deadline.why() + " at depth " + std::to_string(depth + 1);
                    break;
                }
                if (opts.progress && Clock::now() - last_report > std::chrono::milliseconds(100)) {
                    last_report = Clock::now();
                    opts.progress(
                        {store.size(), result.stats.transitions, depth, seconds_since(t0)});
                }
            }
            unpack_state(store.state(static_cast<uint32_t>(i)), cur);
            for (size_t a = 0; a < instances.size() && !all_violated; ++a) {
                ConcreteContext guard(cur);
                if (!action_enabled(guard, sys, instances[a]))
                    continue;
                if (opts.coverage)
                    ++opts.coverage->fires[a];
                for_each_outcome(
                    sys, cur, instances[a], post,
                    [&](const ConcreteState& s, const ChoiceScript& script) {
                        ++result.stats.transitions;
                        uint8_t bits = 0;
                        for (size_t b = 0; b < script.values.size(); ++b)
                            bits |= uint8_t(script.values[b]) << b;
                        pack_state(s, packed.data());
                        symmetry.canonicalize(packed.data());
                        auto [index, fresh] = store.insert(packed.data(), static_cast<uint32_t>(i),
                                                           static_cast<uint16_t>(a), bits);
                        if (fresh && !all_violated)
                            all_violated = check_new(s, index);
                    },
                    branches);
            }
        }
        result.stats.depth = depth;
        result.stats.exhaustive = stop_reason.empty() && !all_violated;
    } catch (const PackRangeError& e) {
        if (sys.mutant == Mutant::None)
            throw;
        stop_reason = e.what();
    } catch (const std::bad_alloc&) {
        stop_reason = "out of memory after " + std::to_string(store.size()) + " states";
    }

    for (size_t p = 0; p < opts.properties.size(); ++p) {
        PropertyResult& r = result.properties[p];
        if (violating[p] != StateStore::kNoParent) {
            r.verdict = Verdict::Violated;
            r.trace = rebuild_trace(sys, store, violating[p], instances, symmetry);
            r.depth = static_cast<int>(r.trace->steps.size());
            r.method = "explicit";
        } else if (result.stats.exhaustive) {
            r.verdict = Verdict::Proved;
            r.method = "explicit";
            r.evidence =
                "exhaustive search of " + std::to_string(store.size()) + " states" +
                (symmetry.trivial() ? "" : " (up to symmetry: " + symmetry.describe() + ")");
        } else if (complete_depth >= 0) {
            r.verdict = Verdict::Bounded;
            r.method = "explicit";
            r.bound = complete_depth;
            r.reason =
                "no violation up to depth " + std::to_string(complete_depth) + "; " + stop_reason;
        } else {
            r.verdict = Verdict::Unknown;
            r.reason = stop_reason;
        }
    }
    if (opts.coverage)
        opts.coverage->stop_reason = stop_reason;
    result.stats.states = store.size();
    result.stats.seconds = seconds_since(t0);
    result.stats.memory_bytes = store.memory_bytes();
    return result;
}

} // namespace atscheck
