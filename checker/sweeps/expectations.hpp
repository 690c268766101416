// CI manifests (examples/ci/expectations.json): the verdict each property is
// expected to have on each revision and scenario, and the judgement of a run
// against them. See docs/ci.md for the format.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/engines/result.hpp"
#include "checker/engines/run.hpp"
#include "checker/exit_code.hpp"

namespace atscheck {

// "holds", "violated", or "violated@N" (N: the shortest counterexample's length).
struct Expectation {
    bool holds = true;
    std::optional<int> depth;
    std::string text() const;
};

struct ExpectedCell {
    std::string revision; // a shipped name or a file path (resolved against the manifest)
    std::string scenario;
    std::vector<std::pair<PropertyId, Expectation>> properties; // in all_properties() order
    std::string where;                                          // e.g. "$.checks[3]"
};

// "series": each commit of a range of the manifest's kernel tree checked on
// its own code (checker/conform/series.hpp). No commit may break a verdict
// the commit before it proved; `properties` are expected at the tip.
struct ExpectedSeries {
    std::string range;                                          // BASE..TIP
    std::vector<std::string> scenarios;                         // empty: the series' default
    std::vector<std::pair<PropertyId, Expectation>> properties; // empty: all, none expected
    std::string where;                                          // "$.series"
};

struct Manifest {
    std::string file;
    std::string description;
    std::string kernel; // "kernel": a tree whose fingerprints ci checks (resolved path), or empty
    EngineChoice engine;
    std::vector<ExpectedCell> cells; // may be empty when there is a series
    std::optional<ExpectedSeries> series;
};

// Reads and validates a manifest; InputError naming the file and JSON path.
Manifest load_manifest(const std::string& file);
// The same for JSON already parsed; `file` names it in errors and anchors relative paths.
Manifest manifest_from_json(const std::string& file, const nlohmann::json& j);

// met: as expected. regression: expected to hold, violated. stale: expected to
// be violated, proved. changed: violated, at another length than expected.
// inconclusive: bounded or unknown, so neither confirmed nor refuted.
enum class Outcome { Met, Regression, Stale, Changed, Inconclusive };
const char* to_string(Outcome o);
inline bool is_deviation(Outcome o) {
    return o == Outcome::Regression || o == Outcome::Stale || o == Outcome::Changed;
}

struct Judgement {
    size_t cell;     // index into the manifest's cells and the results
    size_t property; // index into that cell's result.properties
    Expectation expected;
    Outcome outcome;
    std::string message; // one line: what was expected, what was found
};

// One line for a judgement: `where` names the property and the cell,
// `found` its verdict as shown, `reason` why it is open (inconclusive).
std::string judgement_message(Outcome o, const std::string& where, const Expectation& e,
                              const std::string& found, const std::string& reason = "");

// A verdict as a series prints it ("proved", "violated@5", "bounded@9",
// "unknown", "not driven: ...") judged against an expectation.
Outcome judge_verdict(const Expectation& e, const std::string& verdict);

// Judges results[i] against manifest.cells[i], one judgement per expected property.
std::vector<Judgement> judge(const Manifest& m, const std::vector<CheckedSystem>& results);

// 1 on any deviation, else 3 when anything is inconclusive, else 0.
ExitCode gate_exit_code(Outcome o);
ExitCode gate_exit_code(const std::vector<Judgement>& judgements);

} // namespace atscheck
