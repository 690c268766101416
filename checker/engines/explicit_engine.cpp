#include "checker/engines/explicit_engine.hpp"
#include "checker/internal_error.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>
#include <thread>

#include "checker/engines/explicit_window.hpp"
#include "checker/engines/parallel_blocks.hpp"
#include "checker/engines/property_program.hpp"
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
    std::vector<int8_t> packed(packed_size(sys)), want(packed.size());
    store.load(path.back(), packed.data());
    unpack_state(packed.data(), t.initial);
    ConcreteState cur = t.initial, post = t.initial;
    for (auto it = path.rbegin() + 1; it != path.rend(); ++it) {
        store.load(*it, want.data());
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
                                 if (std::memcmp(packed.data(), want.data(), packed.size()) != 0)
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

// One per core, or ATSCHECK_THREADS: scripts/test.sh sets it to 1, since
// ctest already runs a test per core and more threads than cores made the
// symbolic tests' time limits fire.
unsigned default_threads() {
    const char* env = std::getenv("ATSCHECK_THREADS");
    const int n = env ? std::atoi(env) : 0;
    return n > 0 && n <= 256 ? static_cast<unsigned>(n)
                             : std::max(1u, std::thread::hardware_concurrency());
}

// Breadth-first, level by level, a window of states at a time: the threads
// expand a window's states into batches; one thread inserts the batches in
// order (so indices, traces and verdicts do not depend on the number of
// threads) while the others expand the next window; then the threads check
// the new states.
class ExplicitSearch {
  public:
    ExplicitSearch(const System& sys, const ExplicitOptions& opts)
        : sys_(sys), opts_(opts), deadline_(opts.limits.timeout), instances_(action_instances(sys)),
          store_(packed_size(sys)),
          symmetry_(opts.symmetry && !opts.coverage ? Symmetry(sys) : Symmetry::none()),
          violating_(opts.properties.size(), StateStore::kNoParent), open_(opts.properties.size()) {
        result_.engine = Engine::Explicit;
        for (PropertyId id : opts.properties) {
            result_.properties.push_back(PropertyResult{id});
            programs_.emplace_back(sys, property_info(id).expr);
        }
        const auto shape = shaped_state<Concrete>(sys.num_devices(), sys.num_domains(), false, 0);
        const unsigned threads = opts.threads > 0 ? opts.threads : default_threads();
        for (unsigned t = 0; t < threads; ++t) {
            workers_.push_back(Worker{shape,
                                      shape,
                                      std::vector<int8_t>(packed_size(sys)),
                                      std::vector<int8_t>(packed_size(sys)),
                                      {},
                                      symmetry_,
                                      0,
                                      {}});
            workers_.back().coverage.fires.assign(instances_.size(), 0);
        }
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
        // An error in the inserting thread leaves an expansion running, and
        // the states it inserted unchecked: every stored state is checked.
        expansion_.reset();
        try {
            check_new(checked_);
        } catch (const std::bad_alloc&) {
        }
        for (size_t p = 0; p < opts_.properties.size(); ++p)
            settle(p);
        for (const Worker& w : workers_)
            result_.stats.transitions += w.transitions;
        if (opts_.coverage)
            merge_coverage();
        result_.stats.states = store_.size();
        result_.stats.seconds = seconds_since(t0_);
        result_.stats.memory_bytes = store_.memory_bytes();
        return std::move(result_);
    }

  private:
    // States per window and per block: a window bounds the batches' memory and
    // how long a limit waits; a block is a unit of work for one thread.
    static constexpr size_t kWindow = 1 << 14, kBlock = 1 << 8;

    const System& sys_;
    const ExplicitOptions& opts_;
    const Clock::time_point t0_ = Clock::now();
    const Deadline deadline_;
    const std::vector<ActionInstance> instances_;
    StateStore store_; // the states in discovery order: also the BFS queue
    const Symmetry symmetry_;
    std::vector<uint32_t> violating_;       // per property, the first state that violates it
    std::vector<PropertyProgram> programs_; // per property, run on each new byte state
    size_t open_;                           // properties not yet violated
    std::vector<Worker> workers_;
    Window windows_[2];                                 // the one inserted, the one expanded
    std::optional<BackgroundBlocks<Worker>> expansion_; // of windows_[1], while one runs
    CheckResult result_;
    std::string stop_reason_;
    int complete_depth_ = -1; // every state up to this depth has been checked
    size_t checked_ = 0;      // the states before this index have been checked
    Clock::time_point last_report_ = t0_;

    void search() {
        for (const auto& init : initial_states(sys_)) {
            Worker& w = workers_[0];
            pack_state(init, w.bytes.data());
            symmetry_.canonicalize(w.bytes.data());
            insert_bytes(w.bytes.data(), StateStore::kNoParent, 0, 0);
        }
        check_new(0);
        int depth = 0;
        for (size_t begin = 0, end = store_.size(); stop_reason_.empty() && !done(); ++depth) {
            complete_depth_ = depth;
            if (opts_.max_depth && depth >= *opts_.max_depth) {
                stop_reason_ =
                    "depth bound reached (--depth " + std::to_string(*opts_.max_depth) + ")";
                break;
            }
            run_level(begin, end, depth);
            if (store_.size() == end)
                break; // no new states: the space is exhausted
            begin = std::exchange(end, store_.size());
        }
        result_.stats.depth = depth;
        result_.stats.exhaustive = stop_reason_.empty() && !done();
    }

    // True once every property is violated (a coverage run goes on).
    bool done() const { return open_ == 0 && !opts_.coverage; }

    void run_level(size_t begin, size_t end, int depth) {
        Window *cur = &windows_[0], *ahead = &windows_[1];
        expand_async(*cur, begin, std::min(end, begin + kWindow));
        finish_expansion();
        for (;;) {
            const bool more = cur->end < end;
            if (more)
                expand_async(*ahead, cur->end, std::min(end, cur->end + kWindow));
            const size_t first_new = store_.size();
            insert_window(*cur, depth);
            finish_expansion();
            check_new(first_new);
            report(depth);
            if (!more || !stop_reason_.empty() || done())
                return;
            std::swap(cur, ahead);
        }
    }

    // Starts the threads but the caller's on expanding states [begin, end)
    // into `win`'s batches; finish_expansion() joins them.
    void expand_async(Window& win, size_t begin, size_t end) {
        win.begin = begin;
        win.end = end;
        win.blocks = (end - begin + kBlock - 1) / kBlock;
        win.batches.resize(std::max(win.batches.size(), win.blocks));
        win.generation = store_.generation();
        win.codec.reset();
        expansion_.emplace(workers_, win.blocks, [this, &win](Worker& w, size_t b) {
            Batch& batch = win.batches[b];
            batch.clear();
            const size_t first = win.begin + b * kBlock, last = std::min(win.end, first + kBlock);
            for (size_t i = first; i < last; ++i)
                expand(w, static_cast<uint32_t>(i), batch);
        });
    }

    void finish_expansion() {
        if (!expansion_)
            return;
        struct Reset {
            std::optional<BackgroundBlocks<Worker>>& job;
            ~Reset() { job.reset(); }
        } reset{expansion_};
        expansion_->finish();
    }

    // Every successor of state i, under every enabled action instance and choice.
    void expand(Worker& w, uint32_t i, Batch& out) {
        store_.load(i, w.bytes.data());
        unpack_state(w.bytes.data(), w.cur);
        const uint8_t* parent = store_.code(i);
        BranchCounts* branches = opts_.coverage ? &w.coverage.branches : nullptr;
        const BitCodec& codec = store_.codec();
        for (size_t a = 0; a < instances_.size(); ++a) {
            ConcreteContext guard(w.cur);
            if (!action_enabled(guard, sys_, instances_[a]))
                continue;
            if (opts_.coverage)
                ++w.coverage.fires[a];
            for_each_outcome(
                sys_, w.cur, instances_[a], w.post,
                [&](const ConcreteState& s, const ChoiceScript& script) {
                    ++w.transitions;
                    uint8_t bits = 0;
                    for (size_t b = 0; b < script.values.size(); ++b)
                        bits |= uint8_t(script.values[b]) << b;
                    pack_state(s, w.next.data());
                    const size_t at = out.codes.size();
                    out.codes.resize(at + codec.bytes());
                    uint8_t* code = out.codes.data() + at;
                    const bool known = encode_successor(w, parent, code);
                    if (!known)
                        out.raw.insert(out.raw.end(), w.next.begin(), w.next.end());
                    const uint32_t hash =
                        known ? hash_bytes(out.codes.data() + at, codec.bytes()) : 0;
                    out.found.push_back({hash, i, static_cast<uint16_t>(a), bits, !known});
                },
                branches);
        }
    }

    // Canonicalizes the successor w.next of the stored state `parent` and
    // encodes it into `code`; false when it holds a value new to the layout.
    bool encode_successor(Worker& w, const uint8_t* parent, uint8_t* code) const {
        const BitCodec& codec = store_.codec();
        differing_fields(w.bytes.data(), w.next.data(), static_cast<int>(w.bytes.size()),
                         w.changed);
        switch (w.symmetry.restore_order(w.next.data(), w.changed)) {
        case Symmetry::Order::Kept:
            return codec.patch(parent, w.next.data(), w.changed, code);
        case Symmetry::Order::Unknown:
            w.symmetry.canonicalize(w.next.data());
            break;
        case Symmetry::Order::Moved:
            break;
        }
        return codec.encode(w.next.data(), code);
    }

    // The window's successors into the store, in order; stops at a limit.
    void insert_window(Window& win, int depth) {
        constexpr size_t kAhead = 8; // table slots prefetched ahead of the insertion
        std::vector<int8_t> bytes(store_.codec().fields());
        for (size_t b = 0; b < win.blocks; ++b) {
            const Batch& batch = win.batches[b];
            const size_t width = batch.found.empty() ? 0 : batch.codes.size() / batch.found.size();
            size_t raw = 0;
            for (size_t k = 0; k < batch.found.size(); ++k) {
                const Batch::Found& f = batch.found[k];
                if (!limits_allow(depth))
                    return;
                const uint8_t* code = batch.codes.data() + k * width;
                if (k + kAhead < batch.found.size())
                    store_.prefetch(batch.found[k + kAhead].hash);
                // Once the layout has widened, the window's codes are stale:
                // they are decoded with the layout they were written with.
                const bool stale = win.generation != store_.generation();
                if (!f.raw && !stale) {
                    store_.insert(code, f.hash, f.parent, f.action, f.picks);
                    continue;
                }
                if (f.raw)
                    std::memcpy(bytes.data(), &batch.raw[raw++ * bytes.size()], bytes.size());
                else
                    decode_padded(*win.codec, code, width, bytes.data());
                insert_bytes(bytes.data(), f.parent, f.action, f.picks);
            }
        }
    }

    // BitCodec::decode of a code with no readable bytes after it.
    void decode_padded(const BitCodec& codec, const uint8_t* code, size_t width, int8_t* out) {
        padded_.assign(code, code + width);
        padded_.resize(width + BitCodec::kSlack);
        codec.decode(padded_.data(), out);
    }
    std::vector<uint8_t> padded_;

    // Encodes (learning new values first) and inserts a byte state.
    void insert_bytes(const int8_t* bytes, uint32_t parent, uint16_t action, uint8_t picks) {
        std::vector<uint8_t>& code = code_scratch_;
        code.resize(store_.codec().bytes());
        if (!store_.codec().encode(bytes, code.data())) {
            prepare_to_learn();
            store_.learn(bytes);
            code.resize(store_.codec().bytes());
            store_.codec().encode(bytes, code.data());
        }
        store_.insert(code.data(), hash_bytes(code.data(), static_cast<int>(code.size())), parent,
                      action, picks);
    }

    // Learning changes the layout the expanding threads read: they finish
    // first, and the windows keep the layout they were encoded with.
    void prepare_to_learn() {
        finish_expansion();
        for (Window& w : windows_)
            if (!w.codec && w.generation == store_.generation())
                w.codec = store_.codec();
    }
    std::vector<uint8_t> code_scratch_;

    // Before each insertion: the state budget, and every 1024 states the
    // time and memory limits. False (with the reason) when one stops the search.
    bool limits_allow(int depth) {
        if (opts_.max_states && store_.size() >= *opts_.max_states) {
            stop_reason_ = "state budget reached (" + std::to_string(*opts_.max_states) +
                           " states) at depth " + std::to_string(depth);
            return false;
        }
        if ((++inserted_ & 1023) == 0 && deadline_.expired()) {
            stop_reason_ = deadline_.why() + " at depth " + std::to_string(depth + 1);
            return false;
        }
        return true;
    }
    uint64_t inserted_ = 0;

    // Progress about every 100 ms.
    void report(int depth) {
        if (!opts_.limits.progress || Clock::now() - last_report_ < std::chrono::milliseconds(100))
            return;
        last_report_ = Clock::now();
        uint64_t transitions = 0;
        for (const Worker& w : workers_)
            transitions += w.transitions;
        opts_.limits.progress({store_.size(), transitions, depth, seconds_since(t0_)});
    }

    // Checks the states from `first` on; each property keeps its first
    // violating state, as a sequential check on insertion would.
    void check_new(size_t first) {
        const size_t n = store_.size() - first, blocks = (n + kBlock - 1) / kBlock;
        std::vector<uint32_t> found(blocks * violating_.size(), StateStore::kNoParent);
        parallel_blocks(workers_, blocks, [&](Worker& w, size_t b) {
            for (size_t i = first + b * kBlock; i < std::min(first + n, first + (b + 1) * kBlock);
                 ++i)
                check(w, static_cast<uint32_t>(i), found.data() + b * violating_.size());
        });
        for (size_t b = 0; b < blocks; ++b)
            for (size_t p = 0; p < violating_.size(); ++p)
                if (violating_[p] == StateStore::kNoParent &&
                    found[b * violating_.size() + p] != StateStore::kNoParent) {
                    violating_[p] = found[b * violating_.size() + p];
                    --open_;
                }
        checked_ = first + n;
    }

    void check(Worker& w, uint32_t i, uint32_t* found) const {
        store_.load(i, w.bytes.data());
        for (size_t p = 0; p < violating_.size(); ++p)
            if (violating_[p] == StateStore::kNoParent && found[p] == StateStore::kNoParent &&
                !programs_[p].holds(w.bytes.data()))
                found[p] = i;
    }

    void merge_coverage() {
        ExplicitCoverage& c = *opts_.coverage;
        c.fires.assign(instances_.size(), 0);
        for (const Worker& w : workers_)
            for (size_t a = 0; a < instances_.size(); ++a)
                c.fires[a] += w.coverage.fires[a];
        for (const Worker& w : workers_)
            for (size_t k = 0; k < c.branches.taken.size(); ++k) {
                c.branches.taken[k] += w.coverage.branches.taken[k];
                c.branches.not_taken[k] += w.coverage.branches.not_taken[k];
            }
        c.stop_reason = stop_reason_;
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
