#include "checker/reports/coverage_report.hpp"

#include <cstdio>
#include <sstream>

#include "checker/reports/check_report.hpp"
#include "checker/version.hpp"

namespace atscheck {

namespace {

std::string exploration_line(const CoverageReport& r) {
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.3f s", r.stats.seconds);
    std::ostringstream os;
    os << "explored " << r.stats.states << " states, " << r.stats.transitions
       << " transitions, depth " << r.stats.depth << ", "
       << (r.stats.exhaustive ? "exhaustive" : "NOT exhaustive: " + r.stop_reason) << ", " << secs;
    return os.str();
}

std::string dead_line(const CoverageReport& r, ActionKind k) {
    std::string what = std::string(action_name(k)) + " never fires on revision " +
                       r.system.revision.name + ", scenario " + r.system.scenario.name;
    return r.stats.exhaustive ? what + " (in any reachable state)"
                              : what + " in the explored part; " + r.stop_reason;
}

} // namespace

std::string render_vacuity_lines(const CoverageReport& r) {
    std::string out;
    for (ActionKind k : r.dead_actions())
        out += "vacuity: " + dead_line(r, k) + "\n";
    return out;
}

namespace {

// What a witness's verdict says of its antecedent.
std::string antecedent_line(const AntecedentReach& a) {
    switch (a.witness.verdict) {
    case Verdict::Violated:
        return "holds after " + std::to_string(a.witness.depth) + " steps";
    case Verdict::Proved:
        return "never holds";
    case Verdict::Bounded:
        return "not seen up to depth " + std::to_string(a.witness.bound);
    case Verdict::Unknown:
        break;
    }
    return "not decided" + (a.witness.reason.empty() ? "" : ": " + a.witness.reason);
}

// coverage --properties/--invariant: each property's failure and antecedents.
std::string properties_text(const CoverageReport& r) {
    std::ostringstream os;
    if (r.properties.empty())
        return "";
    os << "\n  property: is its failure reachable, does each antecedent ever hold\n";
    for (const auto& p : r.properties) {
        const PropertyResult& f = p.failure;
        os << "  " << property_info(f.property).name << ": "
           << (f.verdict == Verdict::Violated ? "fails after " + std::to_string(f.depth) + " steps"
               : f.verdict == Verdict::Proved ? "never fails"
                                              : "failure " + verdict_cell(f))
           << (f.vacuous.empty() ? "" : " (vacuously: " + f.vacuous + " never holds)") << "\n";
        for (const auto& a : p.antecedents)
            os << "    antecedent " << a.text << ": " << antecedent_line(a) << "\n";
    }
    return os.str();
}

} // namespace

std::string render_coverage_text(const CoverageReport& r) {
    std::ostringstream os;
    os << "atscheck " << kToolVersion << ": coverage of revision " << r.system.revision.name
       << " on scenario " << r.system.scenario.name << "\n"
       << exploration_line(r) << "\n\n";

    size_t width = 8;
    for (const auto& a : r.actions)
        width = std::max(width, a.label.size() + 2);
    os << "  " << pad("action", width) << "fires\n";
    for (const auto& a : r.actions)
        os << "  " << pad(a.label, width) << a.fires << (a.fires ? "" : "   never fires") << "\n";

    os << "\n  " << pad("branch", 72) << pad("taken", 10) << "not taken\n";
    const char* function = "";
    for (const auto& b : r.branches) {
        const BranchInfo& info = branch_info(b.id);
        if (std::string(info.function) != function) {
            function = info.function;
            os << "  " << function << "()\n";
        }
        os << "    " << pad(info.condition, 70);
        if (!b.in_code)
            os << "-         -         not in the code of this revision and scenario\n";
        else
            os << pad(std::to_string(b.taken), 10) << pad(std::to_string(b.not_taken), 10)
               << b.flag() << "\n";
    }

    os << properties_text(r);
    const auto dead = r.dead_actions();
    os << "\n";
    if (dead.empty())
        os << "every action fires\n";
    for (ActionKind k : dead)
        os << "vacuity: " << dead_line(r, k) << "\n";
    return os.str();
}

nlohmann::json render_coverage_json(const CoverageReport& r) {
    nlohmann::json actions = nlohmann::json::array(), branches = nlohmann::json::array(),
                   dead = nlohmann::json::array();
    for (const auto& a : r.actions)
        actions.push_back(
            {{"action", action_name(a.instance.kind)}, {"label", a.label}, {"fires", a.fires}});
    for (const auto& b : r.branches) {
        const BranchInfo& info = branch_info(b.id);
        nlohmann::json j{
            {"function", info.function}, {"condition", info.condition}, {"in_code", b.in_code}};
        if (b.in_code) {
            j["taken"] = b.taken;
            j["not_taken"] = b.not_taken;
            j["flag"] = b.flag();
        }
        branches.push_back(j);
    }
    for (ActionKind k : r.dead_actions())
        dead.push_back(action_name(k));
    nlohmann::json properties = nlohmann::json::array();
    for (const auto& p : r.properties) {
        nlohmann::json antecedents = nlohmann::json::array();
        for (const auto& a : p.antecedents)
            antecedents.push_back(
                {{"antecedent", a.text},
                 {"holds", a.witness.verdict == Verdict::Violated ? nlohmann::json(true)
                           : a.witness.verdict == Verdict::Proved ? nlohmann::json(false)
                                                                  : nlohmann::json()},
                 {"witness", verdict_cell(a.witness)}});
        properties.push_back({{"name", property_info(p.failure.property).name},
                              {"failure", verdict_cell(p.failure)},
                              {"antecedents", antecedents}});
    }
    return {{"tool", std::string("atscheck ") + kToolVersion},
            {"revision", r.system.revision.name},
            {"scenario", r.system.scenario.name},
            {"states", r.stats.states},
            {"transitions", r.stats.transitions},
            {"depth", r.stats.depth},
            {"exhaustive", r.stats.exhaustive},
            {"stop_reason", r.stop_reason},
            {"actions", actions},
            {"branches", branches},
            {"dead_actions", dead},
            {"properties", properties}};
}

} // namespace atscheck
