#include "checker/reports/mutation_report.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "checker/reports/check_report.hpp"
#include "checker/version.hpp"

namespace atscheck {

namespace {

const char* status(const MutantOutcome& m) {
    return m.killed() ? "killed" : m.inconclusive ? "inconclusive" : "SURVIVED";
}

std::string kill_text(const Kill& k) {
    return std::string(property_info(k.property).name) + " on " + k.revision + "/" + k.scenario +
           ": " + k.real + " -> " + k.mutated;
}

std::string score_line(const MutationReport& r) {
    char pct[16];
    std::snprintf(pct, sizeof pct, "%.0f%%",
                  r.mutants.empty() ? 100.0 : 100.0 * r.killed() / r.mutants.size());
    return "mutation score: " + std::to_string(r.killed()) + "/" +
           std::to_string(r.mutants.size()) + " killed (" + pct + ")";
}

} // namespace

std::string render_mutation_text(const MutationReport& r) {
    std::ostringstream os;
    os << "atscheck " << kToolVersion << ": " << r.mutants.size() << " mutants on " << r.cells
       << " revision x scenario cells, engine " << cli_name(r.engine) << "\n\n";
    // Columns as wide as the longest name of every mutant, plus a gap.
    size_t name_w = 0, function_w = 0;
    for (const auto& m : kMutants) {
        name_w = std::max(name_w, std::string(m.name).size() + 2);
        function_w = std::max(function_w, std::string(m.function).size() + 2);
    }
    os << "  " << pad("mutant", name_w) << pad("function", function_w) << pad("status", 14)
       << "killed by\n";
    for (const auto& m : r.mutants) {
        os << "  " << pad(m.mutant->name, name_w) << pad(m.mutant->function, function_w)
           << pad(status(m), 14) << (m.killed() ? kill_text(m.kills.front()) : "") << "\n";
        for (size_t i = 1; i < m.kills.size(); ++i)
            os << "  " << std::string(name_w + function_w + 14, ' ') << kill_text(m.kills[i])
               << "\n";
    }
    os << "\n";
    for (const auto& m : r.mutants)
        if (!m.killed())
            os << (m.inconclusive ? "inconclusive: " : "survived: ") << m.mutant->name << " ("
               << m.mutant->fault << ") changes no verdict"
               << (m.inconclusive ? " that could be decided" : "") << "\n";
    os << score_line(r) << "\n";
    return os.str();
}

nlohmann::json render_mutation_json(const MutationReport& r) {
    nlohmann::json mutants = nlohmann::json::array();
    for (const auto& m : r.mutants) {
        nlohmann::json kills = nlohmann::json::array();
        for (const auto& k : m.kills)
            kills.push_back({{"property", property_info(k.property).name},
                             {"revision", k.revision},
                             {"scenario", k.scenario},
                             {"real", k.real},
                             {"mutated", k.mutated}});
        mutants.push_back({{"mutant", m.mutant->name},
                           {"function", m.mutant->function},
                           {"fault", m.mutant->fault},
                           {"status", m.killed()       ? "killed"
                                      : m.inconclusive ? "inconclusive"
                                                       : "survived"},
                           {"killed_by", kills}});
    }
    return {{"tool", std::string("atscheck ") + kToolVersion},
            {"engine", cli_name(r.engine)},
            {"cells", r.cells},
            {"mutants", mutants},
            {"killed", r.killed()},
            {"total", r.mutants.size()}};
}

} // namespace atscheck
