#include "checker/conform/code_engine.hpp"

#include <chrono>
#include <stdexcept>
#include <unordered_map>

#include "checker/conform/code_runs.hpp"
#include "checker/conform/code_state.hpp"
#include "checker/conform/code_symmetry.hpp"
#include "checker/engines/state_codec.hpp"
#include "checker/limits/memory_limit.hpp"
#include "checker/traces/state_fields.hpp"
#include "model/actions.hpp"

namespace atscheck {

namespace {

// A state of the code, as the search holds it for good: how it was first
// reached, and what sticks of its path. The rest is held while it is needed:
// its dump while its key is made, its abstraction until it is expanded. A
// trace's states and events are read again from its re-run on the code.
struct CodeNode {
    int parent = -1;
    uint32_t move = 0;    // the step from the parent, into CodeSearch::moves_
    uint32_t history = 0; // into CodeSearch::histories_
    uint16_t initial = 0; // into the scenario's initial states
    uint16_t depth = 0;
};

// An enabled action and one outcome of its choices, as the harness's word.
struct Move {
    ActionInstance action;
    std::vector<Pick> picks;
    std::string word;
};

// The environment's moves from a state: the model's guards and choices, read
// on the code's state through the abstraction.
std::vector<Move> moves(const System& sys, const ConcreteState& s,
                        const std::vector<ActionInstance>& actions) {
    std::vector<Move> out;
    ConcreteState post;
    for (const auto& a : actions) {
        ConcreteState pre = s;
        ConcreteContext x(pre);
        if (!action_enabled(x, sys, a))
            continue;
        for_each_outcome(sys, s, a, post, [&](const ConcreteState&, const ChoiceScript& script) {
            const auto picks = picks_of(script);
            out.push_back({a, picks, script_word(a, picks)});
        });
    }
    return out;
}

const KernelFunction* kernel_function(const std::string& name) {
    for (const KernelFunction* fn : kfn::kAll)
        if (name == fn->name)
            return fn;
    return nullptr;
}

// What the code did in a step, as the events the reports tell: its WARNs
// with the tree's line and call chain, its messages and failed enables.
std::vector<KernelEvent> kernel_events(const CodeState& c) {
    std::vector<KernelEvent> out;
    for (const auto& e : c.events) {
        KernelEvent k;
        const KernelFunction* fn = kernel_function(e.function);
        if (e.kind == "warn" && fn) {
            k.kind = KernelEvent::Kind::Warn;
            k.site = {fn, e.line};
            k.chain = e.chain;
        } else if (e.kind == "warn" || e.kind == "dev_err" || e.kind == "dev_warn") {
            k.kind = KernelEvent::Kind::Message;
            k.text = (e.kind == "warn" ? std::string("WARNING") : e.kind) + " at " + e.file + ":" +
                     std::to_string(e.line) + " in " + e.function;
        } else if (e.kind == "enable_failed") {
            k.kind = KernelEvent::Kind::Message;
            k.text = "pci_enable_ats() failed (" + e.file + ":" + std::to_string(e.line) + ")";
        } else {
            continue;
        }
        out.push_back(std::move(k));
    }
    return out;
}

class CodeSearch {
  public:
    CodeSearch(const SmmuSlice& slice, const System& sys, const std::vector<PropertyId>& props,
               const std::string& shown_as, const CodeSearchLimits& limits,
               const ProgressFn& progress)
        : slice_(slice), sys_(sys), shown_as_(shown_as), limits_(limits), progress_(progress),
          initials_(initial_states(sys)), actions_(action_instances(sys)),
          symmetry_(sys, limits.symmetry), shape_(initials_.front()),
          result_(CheckResult::open(Engine::Explicit, props)), violating_(props.size(), -1) {}

    CheckResult run() {
        const auto start = std::chrono::steady_clock::now();
        seed();
        for (size_t begin = 0; begin < nodes_.size() && stop_.empty();) {
            const size_t end = nodes_.size();
            if (nodes_[begin].depth >= limits_.max_depth) {
                stop_ = "depth bound " + std::to_string(limits_.max_depth) + " reached";
                break;
            }
            const int depth = nodes_[begin].depth;
            layer_ = std::move(next_layer_); // the abstractions of [begin, end)
            next_layer_.clear();
            for (size_t from = begin; from < end && stop_.empty(); from += kBatch) {
                expand(from, std::min(end, from + kBatch), begin);
                limit(start);
            }
            if (stop_.empty())
                complete_depth_ = depth + 1; // every state that deep is found and checked
            begin = end;
        }
        result_.stats.states = nodes_.size();
        result_.stats.transitions = transitions_;
        result_.stats.depth = nodes_.empty() ? 0 : nodes_.back().depth;
        result_.stats.exhaustive = stop_.empty();
        for (size_t p = 0; p < violating_.size(); ++p)
            settle(p);
        return result_;
    }

  private:
    // The states expanded by one harness run: a layer of fleet-3 holds a
    // hundred thousand, and their dumps would be held all at once.
    static constexpr size_t kBatch = 4096;

    // After each batch: the time and memory limits, and progress.
    void limit(std::chrono::steady_clock::time_point start) {
        result_.stats.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (limits_.seconds > 0 && result_.stats.seconds > limits_.seconds && stop_.empty())
            stop_ = "time limit " + std::to_string(limits_.seconds) + " s reached";
        if (memory_limit_reached() && stop_.empty())
            stop_ = memory_limit_reason();
        if (progress_)
            progress_({nodes_.size(), transitions_, complete_depth_ + 1, result_.stats.seconds});
    }

    std::vector<int> chain_to(int node) const {
        std::vector<int> chain;
        for (int at = node; at >= 0; at = nodes_[at].parent)
            chain.insert(chain.begin(), at);
        return chain;
    }

    std::string path_of(int node) const {
        std::vector<std::string> words;
        for (int at : chain_to(node))
            if (nodes_[at].parent >= 0)
                words.push_back(moves_[nodes_[at].move].word);
        return script_path(initials_[nodes_[node].initial], words);
    }

    void seed() {
        complete_depth_ = 0;
        std::map<std::string, std::set<std::string>> scripts;
        for (const auto& init : initials_)
            scripts[script_path(init, {})];
        const auto runs = run_scripts(slice_, sys_, scripts, shown_as_);
        for (size_t i = 0; i < initials_.size(); ++i) {
            const CodeRun& run = runs.at(script_path(initials_[i], {}));
            if (run.steps.empty())
                throw std::runtime_error("the harness dumped no initial state");
            CodeNode n;
            n.initial = static_cast<uint16_t>(i);
            add(n, CodeHistory{}, run.steps.front());
        }
    }

    // Every move of the states [from, to) of the layer that starts at
    // `begin`, on the code.
    void expand(size_t from, size_t to, size_t begin) {
        std::map<std::string, std::set<std::string>> scripts;
        std::vector<std::vector<uint32_t>> all(to - from);
        std::vector<std::string> paths(to - from);
        ConcreteState s = shape_;
        for (size_t i = from; i < to; ++i) {
            unpack_state(layer_[i - begin].data(), s);
            for (auto& m : moves(sys_, s, actions_))
                all[i - from].push_back(move_id(std::move(m)));
            paths[i - from] = path_of(static_cast<int>(i));
            auto& alternatives = scripts[paths[i - from]];
            for (uint32_t m : all[i - from])
                alternatives.insert(moves_[m].word);
            std::vector<int8_t>().swap(layer_[i - begin]); // expanded: not needed again
        }
        const auto runs = run_scripts(slice_, sys_, scripts, shown_as_, Dumps::Alternatives);
        for (size_t i = from; i < to && stop_.empty(); ++i) {
            const CodeRun& run = runs.at(paths[i - from]);
            for (uint32_t m : all[i - from])
                step(static_cast<int>(i), m, run);
        }
    }

    void step(int from, uint32_t m, const CodeRun& run) {
        ++transitions_;
        const Move& move = moves_[m];
        const auto after = run.after.find(move.word);
        if (after == run.after.end()) {
            const auto died =
                run.crash.count("-") ? run.crash.find("-") : run.crash.find(move.word);
            stop_ = "the tree's code " +
                    (died == run.crash.end() ? std::string("gave no result") : died->second) +
                    " on " + action_name(move.action.kind) + " after " +
                    std::to_string(nodes_[from].depth) + " steps";
            return;
        }
        CodeNode n;
        n.parent = from;
        n.move = m;
        n.initial = nodes_[from].initial;
        n.depth = static_cast<uint16_t>(nodes_[from].depth + 1);
        add(n, histories_[nodes_[from].history], after->second);
    }

    // Holds `n`, whose code is `code` after a path that left `history`,
    // unless the search holds its class.
    void add(CodeNode n, CodeHistory history, const CodeState& code) {
        history.add(code);
        ConcreteState s = abstract(sys_, code, history);
        std::string key = symmetry_.key(code, s);
        if (index_.count(key))
            return;
        const int at = static_cast<int>(nodes_.size());
        index_.emplace(std::move(key), at);
        ConcreteContext x(s);
        for (size_t p = 0; p < violating_.size(); ++p)
            if (violating_[p] < 0 && !property_holds(x, sys_, result_.properties[p].property))
                violating_[p] = at;
        n.history = history_id(std::move(history));
        nodes_.push_back(n);
        next_layer_.emplace_back(packed_size(sys_));
        pack_state(s, next_layer_.back().data());
    }

    uint32_t move_id(Move m) {
        const auto [it, added] = move_ids_.try_emplace(m.word, moves_.size());
        if (added)
            moves_.push_back(std::move(m));
        return it->second;
    }

    uint32_t history_id(CodeHistory h) {
        std::string key;
        for (const auto& e : h.events)
            key += e.kind + " " + e.file + " " + std::to_string(e.line) + " " + e.function + ";";
        const auto [it, added] = history_ids_.try_emplace(key, histories_.size());
        if (added)
            histories_.push_back(std::move(h));
        return it->second;
    }

    // The trace to `node`, read from its path run again on the code from a
    // fresh driver: every step must reach the state the search held there.
    Trace trace_to(int node) const {
        const std::vector<int> chain = chain_to(node);
        const std::string path = path_of(node);
        const CodeRun run = run_scripts(slice_, sys_, {{path, {}}}, shown_as_).at(path);
        if (run.steps.size() != chain.size())
            throw std::runtime_error("the tree's code stopped short of a counterexample");
        Trace t;
        t.observed.emplace();
        CodeHistory history;
        for (size_t k = 0; k < chain.size(); ++k) {
            history.add(run.steps[k]);
            ConcreteState s = abstract(sys_, run.steps[k], history);
            const auto held = index_.find(symmetry_.key(run.steps[k], s));
            if (held == index_.end() || held->second != chain[k])
                throw std::runtime_error("the tree's code did not run a counterexample the same "
                                         "way twice (step " +
                                         std::to_string(k) + ")");
            if (k == 0) {
                t.initial = std::move(s);
                continue;
            }
            const Move& m = moves_[nodes_[chain[k]].move];
            t.steps.push_back({m.action, m.picks, std::move(s)});
            t.observed->push_back(kernel_events(run.steps[k]));
        }
        return t;
    }

    void settle(size_t p) {
        PropertyResult& r = result_.properties[p];
        r.method = "explicit";
        const std::string up_to =
            symmetry_.describe().empty() ? "" : " (up to symmetry: " + symmetry_.describe() + ")";
        if (violating_[p] >= 0) {
            r.verdict = Verdict::Violated;
            r.trace = trace_to(violating_[p]);
            r.depth = static_cast<int>(r.trace->steps.size());
        } else if (result_.stats.exhaustive) {
            r.verdict = Verdict::Proved;
            r.evidence = "exhaustive search of the code's " + std::to_string(nodes_.size()) +
                         " states (as the harness dumps them)" + up_to;
        } else if (complete_depth_ >= 0) {
            r.verdict = Verdict::Bounded;
            r.bound = complete_depth_;
            r.reason = "no violation up to depth " + std::to_string(complete_depth_) + "; " + stop_;
        } else {
            r.verdict = Verdict::Unknown;
            r.reason = stop_;
        }
    }

    const SmmuSlice& slice_;
    const System& sys_;
    const std::string shown_as_;
    const CodeSearchLimits limits_;
    const ProgressFn progress_;
    const std::vector<ConcreteState> initials_;
    const std::vector<ActionInstance> actions_;
    const CodeSymmetry symmetry_;
    const ConcreteState shape_; // a state of the system's shape, to unpack into
    CheckResult result_;
    std::vector<int> violating_;                 // per property: the first node violating it, or -1
    std::vector<CodeNode> nodes_;                // breadth-first order
    std::unordered_map<std::string, int> index_; // by key (code_symmetry.hpp)
    // The abstractions (state_codec.hpp) of the layer being expanded, and
    // of the next one as it is found.
    std::vector<std::vector<int8_t>> layer_, next_layer_;
    std::vector<Move> moves_; // every move taken, once
    std::unordered_map<std::string, uint32_t> move_ids_;
    std::vector<CodeHistory> histories_; // every history reached, once
    std::unordered_map<std::string, uint32_t> history_ids_;
    uint64_t transitions_ = 0;
    int complete_depth_ = -1;
    std::string stop_; // why the search stopped short, or empty
};

} // namespace

CheckResult check_on_code(const SmmuSlice& slice, const System& sys,
                          const std::vector<PropertyId>& props, const std::string& shown_as,
                          const CodeSearchLimits& limits, const ProgressFn& progress) {
    return CodeSearch(slice, sys, props, shown_as, limits, progress).run();
}

} // namespace atscheck
