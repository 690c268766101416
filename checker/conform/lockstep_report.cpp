#include "checker/conform/lockstep_report.hpp"

#include <iomanip>

namespace atscheck {

namespace {

// name:line, with the file's name where it is not arm-smmu-v3.c.
std::string where(const SliceFunction& f) {
    const std::string at = f.name + ":" + std::to_string(f.line);
    if (f.file == kSmmuFile)
        return at;
    return at + " (" + f.file.substr(f.file.rfind('/') + 1) + ")";
}

void print_functions(std::ostream& out, const SmmuSlice& slice) {
    int tree = 0, stubs = 0;
    for (const auto& f : slice.functions)
        (f.from_tree ? tree : stubs)++;
    out << "  from the tree (" << tree << "):";
    for (const auto& f : slice.functions)
        if (f.from_tree)
            out << " " << where(f);
    out << "\n  stubbed (" << stubs << "), each call recorded:\n";
    for (const auto& f : slice.functions)
        if (!f.from_tree)
            out << "    " << std::left << std::setw(44) << where(f) << f.why << "\n";
}

void print_scenario(std::ostream& out, const ScenarioLockstep& s) {
    if (!s.not_driven.empty()) {
        out << "  " << s.scenario << ": not replayed: " << s.not_driven << "\n";
        return;
    }
    int agree = 0, steps = 0;
    for (const auto& v : s.verdicts) {
        agree += !v.divergence;
        steps = std::max(steps, v.edges);
    }
    out << "  " << s.scenario << ": every step agrees under " << agree << " of "
        << s.verdicts.size() << " knob combinations (up to " << steps << " steps on " << s.scripts
        << " paths)\n";
    if (!s.narrowed.empty())
        out << "    " << s.narrowed << "\n";
    if (s.bounded_depth >= 0)
        out << "    the model's graph is larger than the lockstep's caps (" << s.max_states
            << " states, paths of " << s.max_depth << " steps): every edge from a state fewer than "
            << s.bounded_depth << " steps deep was replayed\n";
    // A scenario without the lock asks for these on purpose; elsewhere the
    // model lets a step run where the kernel would make it wait its turn.
    for (const auto& [lock, times] : s.locks_taken_twice)
        out << "    " << lock << " taken while held on " << times << " steps: "
            << (s.relaxes_lock ? "the scenario relaxes the kernel's locking"
                               : "the model interleaves there what the kernel serializes")
            << "\n";
}

std::string joined(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : sep) + s;
    return out;
}

void print_divergence(std::ostream& out, const ScenarioLockstep& s, const KnobVerdict& v) {
    const Divergence& d = *v.divergence;
    out << "  no knob combination agrees on every step; the closest (" << describe(v.knobs)
        << ") leaves the model:\n"
        << "    scenario:  " << s.scenario << (d.initial.empty() ? "" : " (" + d.initial + ")")
        << "\n    path:      " << (d.path.empty() ? "(none)" : joined(d.path, ", ")) << "\n"
        << "    step " << d.path.size() + 1 << ":    " << d.action
        << (d.function.empty() ? "" : ", in " + d.function) << "\n"
        << "    "
        << (d.field == "the code" ? "the code " + d.code + " where the model's step returns"
                                  : d.field + ": the model " + d.model + ", the code " + d.code)
        << "\n";
    if (!d.where.empty())
        out << "    the code's value was set by " << d.where << "\n";
    out << "    (--itf FILE writes the path as a trace for atscheck replay)\n";
}

nlohmann::json divergence_json(const Divergence& d) {
    return {{"path", d.path},         {"initial", d.initial}, {"action", d.action},
            {"function", d.function}, {"field", d.field},     {"model", d.model},
            {"code", d.code},         {"where", d.where}};
}

} // namespace

void print_lockstep(std::ostream& out, const SmmuLockstep& l,
                    const std::vector<KnobFinding>& knobs) {
    out << "SMMU layer: ";
    if (!l.not_run.empty()) {
        out << "no lockstep: " << l.not_run << "\n";
        return;
    }
    out << "the tree's code run in lockstep with the model\n  era: " << describe(l.slice.era)
        << "\n";
    print_functions(out, l.slice);
    for (const auto& s : l.scenarios)
        print_scenario(out, s);
    out << "  knobs read from behaviour, the pattern reading as a second witness:\n";
    for (const auto& k : knobs)
        out << "    " << std::left << std::setw(16) << k.knob
            << (k.value ? *k.value : std::string("not decided")) << "  (" << k.evidence << ")\n";
    const ScenarioLockstep* in = nullptr;
    if (l.replayed() && l.agreeing().empty())
        if (const KnobVerdict* v = l.closest(&in))
            print_divergence(out, *in, *v);
}

nlohmann::json lockstep_json(const SmmuLockstep& l, const std::vector<KnobFinding>& knobs) {
    if (!l.not_run.empty())
        return {{"not_run", l.not_run}};
    nlohmann::json functions = nlohmann::json::array(), scenarios = nlohmann::json::array(),
                   found = nlohmann::json::array();
    for (const auto& f : l.slice.functions)
        functions.push_back({{"function", f.name},
                             {"file", f.file},
                             {"line", f.line},
                             {"from_tree", f.from_tree},
                             {"why", f.why}});
    for (const auto& s : l.scenarios) {
        nlohmann::json verdicts = nlohmann::json::array();
        for (const auto& v : s.verdicts)
            verdicts.push_back(
                {{"knobs", describe(v.knobs)},
                 {"steps", v.edges},
                 {"divergence", v.divergence ? divergence_json(*v.divergence) : nlohmann::json()}});
        scenarios.push_back({{"scenario", s.scenario},
                             {"not_replayed", s.not_driven},
                             {"narrowed", s.narrowed},
                             {"bounded_depth", s.bounded_depth},
                             {"paths", s.scripts},
                             {"locks_taken_twice", s.locks_taken_twice},
                             {"verdicts", verdicts}});
    }
    for (const auto& k : knobs)
        found.push_back({{"knob", k.knob},
                         {"behaviour", k.behaviour},
                         {"pattern", k.pattern ? nlohmann::json(*k.pattern) : nlohmann::json()},
                         {"value", k.value ? nlohmann::json(*k.value) : nlohmann::json()},
                         {"evidence", k.evidence},
                         {"witnesses_disagree", k.witnesses_disagree}});
    nlohmann::json agreeing = nlohmann::json::array();
    for (const auto& k : l.agreeing())
        agreeing.push_back(describe(k));
    return {{"era", describe(l.slice.era)},
            {"functions", functions},
            {"scenarios", scenarios},
            {"agreeing", agreeing},
            {"knobs", found}};
}

} // namespace atscheck
