#include "checker/engines/explicit_engine.hpp"
#include "checker/internal_error.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <new>

#include "checker/engines/state_codec.hpp"
#include "checker/engines/state_store.hpp"
#include "checker/engines/symmetry.hpp"
#include "checker/limits/deadline.hpp"
#include "checker/traces/state_fields.hpp"

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
            throw InternalError("explicit engine: a rebuilt trace does not reach its state");
        cur = t.steps.back().state;
    }
    return t;
}

class ExplicitSearch {
  public:
    ExplicitSearch(const System& sys, const ExplicitOptions& opts)
        : sys_(sys), opts_(opts), deadline_(opts.limits.timeout), instances_(action_instances(sys)),
          store_(packed_size(sys)),
          symmetry_(opts.symmetry && !opts.coverage ? Symmetry(sys) : Symmetry::none()),
          packed_(store_.state_bytes()), violating_(opts.properties.size(), StateStore::kNoParent),
          open_(opts.properties.size()),
          scratch_(shaped_state<Concrete>(sys.num_devices(), sys.num_domains(), false, 0)),
          cur_(scratch_), post_(scratch_) {
        result_.engine = Engine::Explicit;
        for (PropertyId id : opts.properties)
            result_.properties.push_back(PropertyResult{id});
        if (opts.coverage)
            opts.coverage->fires.assign(instances_.size(), 0);
    }

    CheckResult run() {
        try {
            search();
        } catch (const PackRangeError& e) {
            stop_reason_ = "the state space is infinite: " + describe_fields(sys_)[e.field].name +
                           " grows each cycle past the byte range (-128..127) the explicit "
                           "engine stores (a leak)";
            result_.stats.depth = std::max(0, complete_depth_);
        } catch (const std::bad_alloc&) {
            stop_reason_ = "out of memory after " + std::to_string(store_.size()) + " states";
        }
        for (size_t p = 0; p < opts_.properties.size(); ++p)
            settle(p);
        if (opts_.coverage)
            opts_.coverage->stop_reason = stop_reason_;
        result_.stats.states = store_.size();
        result_.stats.seconds = seconds_since(t0_);
        result_.stats.memory_bytes = store_.memory_bytes();
        return std::move(result_);
    }

  private:
    const System& sys_;
    const ExplicitOptions& opts_;
    const Clock::time_point t0_ = Clock::now();
    const Deadline deadline_;
    const std::vector<ActionInstance> instances_;
    StateStore store_; // the states in discovery order: also the BFS queue
    const Symmetry symmetry_;
    std::vector<int8_t> packed_;
    std::vector<uint32_t> violating_;    // per property, the first state that violates it
    size_t open_;                        // properties not yet violated
    ConcreteState scratch_, cur_, post_; // reused: no allocation per state
    CheckResult result_;
    std::string stop_reason_;
    int complete_depth_ = -1; // every state up to this depth has been checked
    bool all_violated_ = false;
    Clock::time_point last_report_ = t0_;

    // Breadth-first, level by level, until every state is expanded, every
    // property is violated, or a bound or limit stops it.
    void search() {
        for (const auto& init : initial_states(sys_))
            add(init, StateStore::kNoParent, 0, 0);
        size_t level_end = store_.size();
        int depth = 0;
        for (size_t i = 0; i < store_.size() && !all_violated_; ++i) {
            if (i == level_end) {
                ++depth;
                level_end = store_.size();
            }
            complete_depth_ = depth;
            if (opts_.max_depth && depth >= *opts_.max_depth) {
                stop_reason_ =
                    "depth bound reached (--depth " + std::to_string(*opts_.max_depth) + ")";
                break;
            }
            if ((i & 1023) == 0 && !poll(depth))
                break;
            if (opts_.max_states && store_.size() >= *opts_.max_states) {
                stop_reason_ = "state budget reached (" + std::to_string(*opts_.max_states) +
                               " states) at depth " + std::to_string(depth);
                break;
            }
            expand(static_cast<uint32_t>(i));
        }
        result_.stats.depth = depth;
        result_.stats.exhaustive = stop_reason_.empty() && !all_violated_;
    }

    // Every 1024 states: the limits, and progress about every 100 ms. False
    // when a limit stops the search.
    bool poll(int depth) {
        if (deadline_.expired()) {
            stop_reason_ = deadline_.why() + " at depth " + std::to_string(depth + 1);
            return false;
        }
        if (opts_.limits.progress && Clock::now() - last_report_ > std::chrono::milliseconds(100)) {
            last_report_ = Clock::now();
            opts_.limits.progress(
                {store_.size(), result_.stats.transitions, depth, seconds_since(t0_)});
        }
        return true;
    }

    // Every successor of state i, under every enabled action instance and choice.
    void expand(uint32_t i) {
        unpack_state(store_.state(i), cur_);
        BranchCounts* branches = opts_.coverage ? &opts_.coverage->branches : nullptr;
        for (size_t a = 0; a < instances_.size() && !all_violated_; ++a) {
            ConcreteContext guard(cur_);
            if (!action_enabled(guard, sys_, instances_[a]))
                continue;
            if (opts_.coverage)
                ++opts_.coverage->fires[a];
            for_each_outcome(
                sys_, cur_, instances_[a], post_,
                [&](const ConcreteState& s, const ChoiceScript& script) {
                    ++result_.stats.transitions;
                    uint8_t bits = 0;
                    for (size_t b = 0; b < script.values.size(); ++b)
                        bits |= uint8_t(script.values[b]) << b;
                    add(s, i, static_cast<uint16_t>(a), bits);
                },
                branches);
        }
    }

    // Stores s (its representative) and checks it if it is new.
    void add(const ConcreteState& s, uint32_t parent, uint16_t action, uint8_t bits) {
        pack_state(s, packed_.data());
        symmetry_.canonicalize(packed_.data());
        auto [index, fresh] = store_.insert(packed_.data(), parent, action, bits);
        if (fresh && !all_violated_)
            all_violated_ = check_new(s, index);
    }

    // Checks the new state at `index`; true when every property is now violated.
    bool check_new(const ConcreteState& s, uint32_t index) {
        scratch_ = s;
        ConcreteContext x(scratch_); // properties read x.s, which must be mutable
        for (size_t p = 0; p < opts_.properties.size(); ++p)
            if (violating_[p] == StateStore::kNoParent &&
                !property_holds(x, sys_, opts_.properties[p])) {
                violating_[p] = index;
                --open_;
            }
        return open_ == 0 && !opts_.coverage;
    }

    void settle(size_t p) {
        PropertyResult& r = result_.properties[p];
        if (violating_[p] != StateStore::kNoParent) {
            r.verdict = Verdict::Violated;
            r.trace = rebuild_trace(sys_, store_, violating_[p], instances_, symmetry_);
            r.depth = static_cast<int>(r.trace->steps.size());
            r.method = "explicit";
        } else if (result_.stats.exhaustive) {
            r.verdict = Verdict::Proved;
            r.method = "explicit";
            r.evidence =
                "exhaustive search of " + std::to_string(store_.size()) + " states" +
                (symmetry_.trivial() ? "" : " (up to symmetry: " + symmetry_.describe() + ")");
        } else if (complete_depth_ >= 0) {
            r.verdict = Verdict::Bounded;
            r.method = "explicit";
            r.bound = complete_depth_;
            r.reason =
                "no violation up to depth " + std::to_string(complete_depth_) + "; " + stop_reason_;
        } else {
            r.verdict = Verdict::Unknown;
            r.reason = stop_reason_;
        }
    }
};

} // namespace

CheckResult check_explicit(const System& sys, const ExplicitOptions& opts) {
    return ExplicitSearch(sys, opts).run();
}

} // namespace atscheck
