#include "checker/conform/smmu_lockstep.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "checker/conform/code_runs.hpp"
#include "checker/conform/code_state.hpp"
#include "checker/conform/model_graph.hpp"
#include "checker/conform/stub_build.hpp"
#include "checker/input/input_error.hpp"
#include "checker/input/load.hpp"
#include "model/concrete.hpp"

namespace atscheck {

namespace {

constexpr int kHarnessDevices = 8, kHarnessDomains = 8; // the harness's arrays
// The shipped scenarios' graphs have at most a few thousand states per knob
// combination, and no first path longer than 17 steps (pf-vf-third-party); one that leaks
// without bound (release_with_pasid) is cut here: each path is replayed
// from a fresh driver, so a deep one costs its length on every edge.
constexpr size_t kMaxStates = 5000;
constexpr int kMaxDepth = 32;

// A state's first path, as the harness's script line.
std::string prefix_line(const ModelGraph& g, int s) {
    std::vector<std::string> words;
    for (int at = s; g.parent[at] >= 0; at = g.parent[at])
        words.push_back(script_word(g.via[at], g.via_picks[at]));
    std::reverse(words.begin(), words.end());
    return script_path(g.states[g.initial[s]], words);
}

// What a step did that the model also logs: WARNs by function, dev_err()s.
std::vector<std::string> model_events(const System& sys, const ConcreteState& pre,
                                      const ActionInstance& a, const std::vector<Pick>& picks) {
    std::vector<KernelEvent> log;
    ConcreteState s = pre;
    run_step(sys, s, a, picks, &log);
    std::vector<std::string> out;
    for (const auto& e : log)
        if (e.kind == KernelEvent::Kind::Warn)
            out.push_back("WARN in " + e.function);
        else if (e.kind == KernelEvent::Kind::Message && e.text.rfind("dev_err", 0) == 0)
            out.push_back("dev_err");
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> code_events(const CodeState& c) {
    std::vector<std::string> out;
    for (const auto& e : c.events)
        if (e.kind == "warn")
            out.push_back("WARN in " + e.function);
        else if (e.kind == "dev_err")
            out.push_back("dev_err");
    std::sort(out.begin(), out.end());
    return out;
}

std::string event_list(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : ", ") + s;
    return out.empty() ? "none" : out;
}

// One outcome of one edge against what the code did on the same step.
std::optional<Divergence> compare_outcome(SourceTree& tree, const System& sys, const ModelGraph& g,
                                          const ModelGraph::Edge& e, const ModelGraph::Outcome& o,
                                          const CodeRun& run) {
    const Trace trace = g.trace(e.from, &e, &o);
    const std::string word = script_word(e.action, o.picks);
    if (!run.after.count(word)) {
        const auto crash = run.crash.count("-") ? run.crash.find("-") : run.crash.find(word);
        return divergence(sys, trace, "the code", "returns",
                          crash == run.crash.end() ? "no result" : crash->second);
    }
    std::vector<const CodeState*> steps;
    CodeHistory path;
    for (const auto& step : run.steps) {
        path.add(step);
        steps.push_back(&step);
    }
    const CodeState& after = run.after.at(word);
    path.add(after);
    steps.push_back(&after);
    if (auto d = state_divergence(tree, sys, trace, abstract(sys, after, path), steps))
        return d;
    const auto expected = model_events(sys, g.states[e.from], e.action, o.picks);
    if (const auto events = code_events(after); expected != events)
        return divergence(sys, trace, "events", event_list(expected), event_list(events));
    return std::nullopt;
}

// Every edge of `g`, in breadth-first order, against the code's runs.
KnobVerdict compare_edges(SourceTree& tree, const System& sys, const ModelGraph& g,
                          const std::map<std::string, CodeRun>& runs, const SmmuKnobs& knobs) {
    KnobVerdict v{knobs, 0, std::nullopt};
    for (size_t s = 0; s < g.states.size() && !v.divergence; ++s) {
        if (g.parent[s] >= 0)
            continue; // an initial state: step 0 of its runs
        const CodeRun& run = runs.at(prefix_line(g, static_cast<int>(s)));
        const CodeHistory none;
        v.divergence = state_divergence(tree, sys, g.trace(static_cast<int>(s)),
                                        abstract(sys, run.steps.at(0), none), {&run.steps.at(0)});
    }
    for (const auto& e : g.edges) {
        const CodeRun& run = runs.at(prefix_line(g, e.from));
        for (const auto& o : e.outcomes) {
            if (v.divergence)
                return v;
            ++v.edges;
            v.divergence = compare_outcome(tree, sys, g, e, o, run);
        }
    }
    return v;
}

std::vector<SmmuKnobs> all_knobs() {
    std::vector<SmmuKnobs> out;
    for (auto p : {ProbePrepare::AllIgnoreResult, ProbePrepare::SupportedIgnoreResult,
                   ProbePrepare::SupportedFailProbe})
        for (auto e : {EnableFailure::DevErr, EnableFailure::Warn, EnableFailure::Rollback})
            for (auto a : {AtsAlwaysOn::Off, AtsAlwaysOn::Rfc, AtsAlwaysOn::Final})
                out.push_back({p, e, a});
    return out;
}

System with_knobs(const Revision& base, const Scenario& scenario, const SmmuKnobs& k) {
    Revision r = base;
    r.probe_prepare = k.probe_prepare;
    r.enable_failure = k.enable_failure;
    r.ats_always_on = k.ats_always_on;
    return System{r, scenario};
}

// A tree without arm-smmu-v3-sva.c has no SVA domain: the scenario is
// replayed without its SVA domains (their PASID attaches are another file's
// code), and the report says so. Empty `narrowed`: the scenario as it is.
Scenario drivable(const Scenario& scenario, const SmmuSlice& slice, std::string& narrowed) {
    if (slice.sva || !slice.pasid)
        return scenario;
    Scenario out = scenario;
    out.domains.clear();
    for (const auto& d : scenario.domains)
        if (d.kind == DomainKind::Sva)
            narrowed += (narrowed.empty() ? "replayed without its SVA domain " : ", ") + d.name;
        else
            out.domains.push_back(d);
    if (!narrowed.empty())
        narrowed += std::string(": the tree has no ") + kSmmuSvaFile +
                    " with an arm_smmu_sva_set_dev_pasid the harness drives";
    return out;
}

ScenarioLockstep lockstep_scenario(SourceTree& tree, const SmmuSlice& slice, const Revision& base,
                                   const Scenario& full, const std::string& shown_as) {
    ScenarioLockstep out;
    out.scenario = full.name;
    out.relaxes_lock = full.lock == LockDiscipline::None;
    out.max_states = static_cast<int>(kMaxStates);
    out.max_depth = kMaxDepth;
    const Scenario scenario = drivable(full, slice, out.narrowed);
    out.not_driven = why_not_driven(System{base, scenario}, slice);
    if (!out.not_driven.empty())
        return out;
    std::vector<std::pair<SmmuKnobs, ModelGraph>> graphs;
    std::map<std::string, std::set<std::string>> scripts;
    for (const auto& k : all_knobs()) {
        ModelGraph g = explore_model(with_knobs(base, scenario, k), kMaxStates, kMaxDepth);
        if (g.bounded_depth >= 0)
            out.bounded_depth = out.bounded_depth < 0
                                    ? g.bounded_depth
                                    : std::min(out.bounded_depth, g.bounded_depth);
        for (const auto& e : g.edges)
            for (const auto& o : e.outcomes)
                scripts[prefix_line(g, e.from)].insert(script_word(e.action, o.picks));
        for (size_t s = 0; s < g.states.size(); ++s)
            if (g.parent[s] < 0)
                scripts[prefix_line(g, static_cast<int>(s))];
        graphs.emplace_back(k, std::move(g));
    }
    out.scripts = static_cast<int>(scripts.size());
    const auto runs = run_scripts(slice, System{base, scenario}, scripts, shown_as);
    // Steps that took a lock already held: interleavings the kernel forbids,
    // which only a scenario that relaxes the lock asks for.
    for (const auto& [prefix, run] : runs) {
        auto count = [&](const CodeState& c) {
            for (const auto& e : c.events)
                if (e.kind == "lock")
                    out.locks_taken_twice[e.function]++;
        };
        for (const auto& step : run.steps)
            count(step);
        for (const auto& [word, after] : run.after)
            count(after);
    }
    for (const auto& [k, g] : graphs)
        out.verdicts.push_back(compare_edges(tree, with_knobs(base, scenario, k), g, runs, k));
    return out;
}

} // namespace

std::string why_not_driven(const System& sys, const SmmuSlice& slice) {
    const Scenario& s = sys.scenario;
    if (s.third_party_enable && s.kernel_timed())
        return "a third party on the kernel's timing (iommu_physical_regime_enter is posted, "
               "not in a tree)";
    if (s.reset)
        return "resets (reset_prepare, reset_done)";
    if (s.has_pasid() && !slice.pasid)
        return "PASIDs (the tree has no arm_smmu_set_pasid, or an arm_smmu_s1_set_dev_pasid of "
               "another prototype than (domain, dev, pasid, old))";
    if (sys.num_devices() > kHarnessDevices || sys.num_domains() > kHarnessDomains)
        return "more devices or domains than the harness holds";
    for (const auto& d : s.domains)
        if (d.kind == DomainKind::Sva && !slice.sva)
            return std::string("an SVA domain (the tree has no ") + kSmmuSvaFile +
                   " with an arm_smmu_sva_set_dev_pasid the harness drives)";
    for (const auto& d : s.domains)
        if (d.kind != DomainKind::Paging && d.kind != DomainKind::Identity &&
            d.kind != DomainKind::Blocked && d.kind != DomainKind::Sva)
            return std::string("a domain of kind ") + to_string(d.kind);
    for (const auto& d : s.devices)
        if (d.stu != s.devices.front().stu)
            return "SMMUs of different STUs";
    return "";
}

std::string describe(const SmmuKnobs& k) {
    return std::string("probe_prepare ") + to_string(k.probe_prepare) + ", enable_failure " +
           to_string(k.enable_failure) + ", ats_always_on " + to_string(k.ats_always_on);
}

bool SmmuLockstep::replayed() const {
    return std::any_of(scenarios.begin(), scenarios.end(),
                       [](const ScenarioLockstep& s) { return !s.verdicts.empty(); });
}

const KnobVerdict* SmmuLockstep::closest(const ScenarioLockstep** in) const {
    const KnobVerdict* best = nullptr;
    int best_edges = -1;
    for (const auto& k : all_knobs()) {
        int edges = 0;
        const KnobVerdict* first = nullptr;
        const ScenarioLockstep* where = nullptr;
        for (const auto& s : scenarios)
            for (const auto& v : s.verdicts)
                if (v.knobs == k) {
                    edges += v.edges;
                    if (v.divergence && !first) {
                        first = &v;
                        where = &s;
                    }
                }
        if (first && edges > best_edges) {
            best = first;
            best_edges = edges;
            *in = where;
        }
    }
    return best;
}

std::vector<SmmuKnobs> SmmuLockstep::agreeing() const {
    std::vector<SmmuKnobs> out;
    if (!replayed())
        return out;
    for (const auto& k : all_knobs()) {
        bool ok = true;
        for (const auto& s : scenarios)
            for (const auto& v : s.verdicts)
                if (v.knobs == k && v.divergence)
                    ok = false;
        if (ok)
            out.push_back(k);
    }
    return out;
}

// The realistic scenarios, the injected enable failure (enable_failure's
// three values differ only when pci_enable_ats fails) and the adversarial
// third party (probe_prepare's differ only when pci_prepare_ats fails on a
// supported device: ATS already on before the probe), and PASIDs on the
// kernel's timing (arm_smmu_set_pasid, the era's PASID detach).
std::vector<std::string> default_lockstep_scenarios() {
    return {"pf-vf", "pf-vf-real", "pf-vf-required", "pf-vf-faults", "pf-vf-third-party", "pasid"};
}

SmmuLockstep smmu_lockstep(SourceTree& tree, const Revision& base,
                           const std::vector<std::string>& scenarios,
                           const std::function<SmmuSlice()>& slice) {
    SmmuLockstep out;
    for (const char* f : {kSmmuFile, kSmmuHeaderFile})
        if (!tree.tokens(f)) {
            out.not_run = std::string("the tree has no ") + f;
            return out;
        }
    out.slice = slice();
    const std::string shown_as = tree.dir() + "/" + kSmmuFile;
    for (const auto& name : scenarios)
        out.scenarios.push_back(
            lockstep_scenario(tree, out.slice, base, load_scenario(name), shown_as));
    return out;
}

} // namespace atscheck
