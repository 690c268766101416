#include "checker/conform/code_engine.hpp"

#include <chrono>
#include <stdexcept>
#include <unordered_map>

#include "checker/conform/code_runs.hpp"
#include "checker/conform/code_state.hpp"
#include "checker/traces/state_fields.hpp"
#include "model/actions.hpp"

namespace atscheck {

namespace {

// A state of the code: its dump, the path's events (the sticky flags), the
// abstraction, and how the search first reached it.
struct CodeNode {
    CodeState code;
    CodeHistory history;
    ConcreteState state;
    int initial = 0; // index into the scenario's initial states
    int parent = -1;
    ActionInstance via{ActionKind::Probe, -1};
    std::vector<Pick> picks;
    std::vector<std::string> words; // the path, as the harness's words
    int depth = 0;
};

// What tells two states of the code apart: the dump (without the step's
// events) and the abstraction, which adds the path's sticky flags.
std::string key_of(const CodeNode& n) {
    std::string key = n.code.canonical + "|";
    for (int v : field_values(n.state))
        key += std::to_string(v) + ",";
    return key;
}

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
            expand(begin, end);
            if (stop_.empty())
                complete_depth_ = depth + 1; // every state that deep is found and checked
            begin = end;
            result_.stats.seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            if (limits_.seconds > 0 && result_.stats.seconds > limits_.seconds && stop_.empty())
                stop_ = "time limit " + std::to_string(limits_.seconds) + " s reached";
            if (progress_)
                progress_(
                    {nodes_.size(), transitions_, complete_depth_ + 1, result_.stats.seconds});
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
    std::string path_of(const CodeNode& n) const {
        return script_path(initials_[n.initial], n.words);
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
            n.code = run.steps.front();
            n.history.add(n.code);
            n.state = abstract(sys_, n.code, n.history);
            n.initial = static_cast<int>(i);
            add(std::move(n));
        }
    }

    // Every move of the states [begin, end) of one depth, on the code.
    void expand(size_t begin, size_t end) {
        std::map<std::string, std::set<std::string>> scripts;
        std::vector<std::vector<Move>> all(end - begin);
        for (size_t i = begin; i < end; ++i) {
            all[i - begin] = moves(sys_, nodes_[i].state, actions_);
            auto& alternatives = scripts[path_of(nodes_[i])];
            for (const auto& m : all[i - begin])
                alternatives.insert(m.word);
        }
        const auto runs = run_scripts(slice_, sys_, scripts, shown_as_);
        for (size_t i = begin; i < end && stop_.empty(); ++i) {
            const CodeRun& run = runs.at(path_of(nodes_[i]));
            for (const auto& m : all[i - begin])
                step(static_cast<int>(i), m, run);
        }
    }

    void step(int from, const Move& m, const CodeRun& run) {
        ++transitions_;
        const auto after = run.after.find(m.word);
        if (after == run.after.end()) {
            const auto died = run.crash.count("-") ? run.crash.find("-") : run.crash.find(m.word);
            stop_ = "the tree's code " +
                    (died == run.crash.end() ? std::string("gave no result") : died->second) +
                    " on " + action_name(m.action.kind) + " after " +
                    std::to_string(nodes_[from].depth) + " steps";
            return;
        }
        CodeNode n;
        n.code = after->second;
        n.history = nodes_[from].history;
        n.history.add(n.code);
        n.state = abstract(sys_, n.code, n.history);
        n.initial = nodes_[from].initial;
        n.parent = from;
        n.via = m.action;
        n.picks = m.picks;
        n.words = nodes_[from].words;
        n.words.push_back(m.word);
        n.depth = nodes_[from].depth + 1;
        add(std::move(n));
    }

    void add(CodeNode n) {
        std::string key = key_of(n);
        if (index_.count(key))
            return;
        if (nodes_.size() >= limits_.max_states) { // a new state past the cap is not held
            stop_ = "state limit " + std::to_string(limits_.max_states) + " reached";
            return;
        }
        const int at = static_cast<int>(nodes_.size());
        index_.emplace(std::move(key), at);
        ConcreteState s = n.state;
        ConcreteContext x(s);
        for (size_t p = 0; p < violating_.size(); ++p)
            if (violating_[p] < 0 && !property_holds(x, sys_, result_.properties[p].property))
                violating_[p] = at;
        nodes_.push_back(std::move(n));
    }

    Trace trace_to(int node) const {
        std::vector<int> chain;
        for (int at = node; at >= 0; at = nodes_[at].parent)
            chain.insert(chain.begin(), at);
        Trace t;
        t.initial = nodes_[chain.front()].state;
        t.observed.emplace();
        for (size_t k = 1; k < chain.size(); ++k) {
            const CodeNode& n = nodes_[chain[k]];
            t.steps.push_back({n.via, n.picks, n.state});
            t.observed->push_back(kernel_events(n.code));
        }
        return t;
    }

    // The trace's path run again on the code, from a fresh driver: every
    // step must read as the search read it.
    void rerun(int node, const Trace& t) const {
        const std::string path = path_of(nodes_[node]);
        const auto runs = run_scripts(slice_, sys_, {{path, {}}}, shown_as_);
        const CodeRun& run = runs.at(path);
        CodeHistory history;
        for (size_t k = 0; k < run.steps.size(); ++k) {
            history.add(run.steps[k]);
            const ConcreteState s = abstract(sys_, run.steps[k], history);
            const ConcreteState& want = k == 0 ? t.initial : t.steps[k - 1].state;
            if (field_values(s) != field_values(want))
                throw std::runtime_error("the tree's code did not run a counterexample the same "
                                         "way twice (step " +
                                         std::to_string(k) + ")");
        }
        if (run.steps.size() != t.steps.size() + 1)
            throw std::runtime_error("the tree's code stopped short of a counterexample");
    }

    void settle(size_t p) {
        PropertyResult& r = result_.properties[p];
        r.method = "explicit";
        if (violating_[p] >= 0) {
            r.verdict = Verdict::Violated;
            r.trace = trace_to(violating_[p]);
            rerun(violating_[p], *r.trace);
            r.depth = static_cast<int>(r.trace->steps.size());
        } else if (result_.stats.exhaustive) {
            r.verdict = Verdict::Proved;
            r.evidence = "exhaustive search of the code's " + std::to_string(nodes_.size()) +
                         " states (as the harness dumps them)";
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
    CheckResult result_;
    std::vector<int> violating_;  // per property: the first node violating it, or -1
    std::vector<CodeNode> nodes_; // breadth-first order
    std::unordered_map<std::string, int> index_;
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
