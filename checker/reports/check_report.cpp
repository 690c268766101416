#include "checker/reports/check_report.hpp"

#include <cstdio>
#include <sstream>

#include "checker/reports/story.hpp"
#include "checker/version.hpp"

namespace atscheck {

const char* to_string(Verdict v) {
    switch (v) {
    case Verdict::Proved:
        return "proved";
    case Verdict::Violated:
        return "violated";
    case Verdict::Bounded:
        return "bounded";
    case Verdict::Unknown:
        return "unknown";
    }
    return "?";
}

std::string verdict_cell(const PropertyResult& r) {
    if (r.verdict == Verdict::Violated)
        return "violated@" + std::to_string(r.depth);
    if (r.verdict == Verdict::Bounded)
        return "bounded@" + std::to_string(r.bound);
    if (r.verdict != Verdict::Proved)
        return to_string(r.verdict);
    std::string notes = r.all_n ? "all N" : "";
    if (!r.vacuous.empty())
        notes += (notes.empty() ? "" : ", ") + ("vacuous: " + r.vacuous + " never holds");
    return notes.empty() ? "proved" : "proved (" + notes + ")";
}

std::string pad(const std::string& s, size_t width) {
    return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

namespace {

std::string first_line(const std::string& s) {
    return s.substr(0, s.find('\n'));
}

// auto: maybe proofs for all N, an explicit first pass, then maybe the
// portfolio (auto_engine.hpp); which of them decided something.
std::string auto_summary(const CheckResult& r) {
    const auto& st = r.stats;
    size_t all_n = 0, by_explicit = 0;
    for (const auto& p : r.properties) {
        all_n += p.all_n;
        by_explicit += p.method == result_name(Engine::Explicit);
    }
    const bool portfolio = all_n + by_explicit < r.properties.size();
    std::ostringstream os;
    if (all_n > 0)
        os << all_n << " proved for all N by unit decomposition"
           << (st.states > 0 || portfolio ? "; " : "");
    if (st.states > 0)
        os << "explored " << st.states << " states, " << st.transitions << " transitions"
           << (st.exhaustive ? ", depth " + std::to_string(st.depth) + " (exhaustive)"
               : portfolio   ? std::string(" (the first pass's budget); then ")
                             : std::string());
    if (portfolio && !st.exhaustive)
        os << "BMC to depth " << st.depth << ", " << st.solver_calls << " solver calls";
    return os.str();
}

// Why the properties the per-size engines decided were not proved for every
// number of units, when that was tried (auto on a fleet).
void all_n_notes(std::ostream& os, const CheckResult& r) {
    bool header = false;
    for (const auto& p : r.properties) {
        if (p.all_n_why_not.empty())
            continue;
        if (!header)
            os << "\nnot proved for all N (decided for this size above):\n";
        header = true;
        os << "  " << pad(property_info(p.property).name, 30) << p.all_n_why_not << "\n";
    }
}

std::string summary(const CheckedSystem& c) {
    const auto& st = c.result.stats;
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.3f s", st.seconds);
    std::ostringstream os;
    switch (c.result.engine) {
    case Engine::Simulate:
        os << st.runs << " random runs, " << st.transitions << " steps";
        break;
    case Engine::Explicit:
        os << "explored " << st.states << " states, " << st.transitions << " transitions, depth "
           << st.depth << (st.exhaustive ? " (exhaustive)" : " (not exhaustive)");
        break;
    case Engine::KInduction:
        os << "induction to k = " << st.depth << ", " << st.solver_calls << " solver calls";
        break;
    case Engine::Pdr:
        os << "PDR (Spacer), " << st.solver_calls << " solver calls";
        break;
    case Engine::AllN:
        os << "unit decomposition, " << st.solver_calls << " solver calls; one unit: explored "
           << st.states << " states";
        break;
    case Engine::Auto:
        os << auto_summary(c.result);
        break;
    case Engine::Bmc:
        os << "BMC to depth " << st.depth << ", " << st.solver_calls << " solver calls";
        break;
    }
    os << ", " << secs;
    return os.str();
}

} // namespace

std::string render_text(const CheckedSystem& c, bool stories) {
    const System& sys = c.system;
    std::ostringstream os;
    os << "atscheck " << kToolVersion << ": revision " << sys.revision.name << ", scenario "
       << sys.scenario.name << ", engine " << result_name(c.result.engine) << "\n";
    os << summary(c) << "\n";
    os << "scenario: " << provenance_of(sys.scenario).text() << "\n\n";
    os << "  " << pad("property", 30) << pad("verdict", 16) << pad("method", 13)
       << "trace / evidence / reason\n";
    bool invariants = false;
    for (const auto& r : c.result.properties) {
        std::string detail = r.verdict == Verdict::Violated ? r.trace_file
                             : r.verdict == Verdict::Proved ? first_line(r.evidence)
                                                            : r.reason;
        invariants = invariants || r.evidence.find('\n') != std::string::npos;
        os << "  " << pad(property_info(r.property).name, 30) << pad(verdict_cell(r), 16)
           << pad(r.method, 13) << detail << "\n";
    }
    if (invariants) {
        os << "\nproofs:\n";
        for (const auto& r : c.result.properties) {
            const auto nl = r.evidence.find('\n');
            if (r.verdict != Verdict::Proved || nl == std::string::npos)
                continue;
            os << "  " << property_info(r.property).name << " (" << r.method << "), "
               << first_line(r.evidence) << "\n";
            for (size_t at = nl + 1; at < r.evidence.size();) {
                const size_t end = std::min(r.evidence.find('\n', at), r.evidence.size());
                os << "    " << r.evidence.substr(at, end - at) << "\n";
                at = end + 1;
            }
        }
    }
    all_n_notes(os, c.result);
    if (!stories)
        return os.str();
    for (const auto& r : c.result.properties) {
        if (r.verdict == Verdict::Violated || !r.cti)
            continue;
        os << "\n"
           << property_info(r.property).name << " is not " << r.cti->steps.size()
           << "-inductive; counterexample to induction (its first state may be unreachable):\n"
           << render_story(sys, *r.cti, true);
    }
    for (const auto& r : c.result.properties) {
        if (r.verdict != Verdict::Violated || !r.trace)
            continue;
        const PropertyInfo& info = property_info(r.property);
        os << "\n"
           << info.name << " violated in " << r.depth << " steps: " << info.meaning
           << "\n  symptom: " << symptom_on(info, sys.revision) << "\n  this trace is "
           << trace_provenance(sys, *r.trace).text() << "\n";
        os << render_story(sys, *r.trace);
    }
    return os.str();
}

std::string render_verdict_table(const std::vector<CheckedSystem>& checks) {
    std::ostringstream os;
    if (checks.empty())
        return "";
    os << "scenario " << checks.front().system.scenario.name << ", engine "
       << result_name(checks.front().result.engine) << "\n\n";
    os << pad("property", 30);
    for (const auto& c : checks)
        os << pad(c.system.revision.name, 13);
    os << "\n";
    const auto& first = checks.front().result.properties;
    for (size_t p = 0; p < first.size(); ++p) {
        os << pad(property_info(first[p].property).name, 30);
        for (const auto& c : checks)
            os << pad(verdict_cell(c.result.properties[p]), 13);
        os << "\n";
    }
    return os.str();
}

nlohmann::json provenance_json(const ScenarioProvenance& p) {
    nlohmann::json relaxes = nlohmann::json::array();
    for (const auto& r : p.relaxes)
        relaxes.push_back({{"label", to_string(r.label)}, {"rule", r.rule}});
    return {{"label", to_string(p.label)}, {"relaxes", relaxes}};
}

nlohmann::json render_json(const CheckedSystem& c) {
    const auto& st = c.result.stats;
    nlohmann::json props = nlohmann::json::array();
    for (const auto& r : c.result.properties) {
        nlohmann::json j{{"name", property_info(r.property).name},
                         {"expression", property_info(r.property).expression},
                         {"verdict", to_string(r.verdict)}};
        j["depth"] = r.verdict == Verdict::Violated ? nlohmann::json(r.depth) : nlohmann::json();
        j["bound"] = r.verdict == Verdict::Bounded ? nlohmann::json(r.bound) : nlohmann::json();
        j["method"] = r.method.empty() ? nlohmann::json() : nlohmann::json(r.method);
        j["trace"] = r.trace_file.empty() ? nlohmann::json() : nlohmann::json(r.trace_file);
        if (r.trace)
            j["trace_provenance"] = provenance_json(trace_provenance(c.system, *r.trace));
        if (!r.evidence.empty())
            j["evidence"] = r.evidence;
        if (!r.lemmas.empty())
            j["lemmas"] = r.lemmas;
        if (!r.reason.empty())
            j["reason"] = r.reason;
        if (r.all_n)
            j["all_n"] = true;
        if (!r.all_n_why_not.empty())
            j["all_n_why_not"] = r.all_n_why_not;
        if (!r.vacuous.empty())
            j["vacuous"] = r.vacuous;
        props.push_back(j);
    }
    return {{"tool", std::string("atscheck ") + kToolVersion},
            {"revision", c.system.revision.name},
            {"scenario", c.system.scenario.name},
            {"provenance", provenance_json(provenance_of(c.system.scenario))},
            {"engine", result_name(c.result.engine)},
            {"stats",
             {{"states", st.states},
              {"transitions", st.transitions},
              {"depth", st.depth},
              {"exhaustive", st.exhaustive},
              {"seconds", st.seconds},
              {"memory_bytes", st.memory_bytes},
              {"runs", st.runs},
              {"solver_calls", st.solver_calls}}},
            {"properties", props}};
}

ExitCode exit_code_for(const std::vector<CheckedSystem>& checks) {
    ExitCode code = ExitCode::Ok;
    for (const auto& c : checks)
        for (const auto& r : c.result.properties)
            if (r.verdict == Verdict::Violated)
                code = most_severe(code, ExitCode::Violated);
            else if (r.verdict != Verdict::Proved) // bounded: no violation, but no proof
                code = most_severe(code, ExitCode::Inconclusive);
    return code;
}

} // namespace atscheck
