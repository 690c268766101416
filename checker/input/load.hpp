// Reading revisions and scenarios (examples/revisions/*.json,
// examples/scenarios/*.json) into the System the model runs on. Every problem
// is an InputError naming the file and the JSON path.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/system.hpp"

namespace atscheck {

// Limits that keep the explicit engine's byte-per-field state encoding valid.
constexpr int kMaxDevices = 64;
constexpr int kMaxDomains = 16;
constexpr int kMaxFleetPairs = 32;
constexpr int kMaxAnyInitial = 12; // "any" initial booleans: at most 4096 initial states
constexpr int kMaxStu = 31;

// `path` is where `j` sits in `file`, for errors ("$" for a file of its own).
Revision revision_from_json(const std::string& file, const nlohmann::json& j,
                            const std::string& path = "$");
// `pairs` overrides a fleet scenario's number of PF/VF pairs.
Scenario scenario_from_json(const std::string& file, const nlohmann::json& j,
                            std::optional<int> pairs = std::nullopt, const std::string& path = "$");

// The JSON a loaded revision or scenario is written back as (embedded in traces).
nlohmann::json revision_to_json(const Revision& r);
nlohmann::json scenario_to_json(const Scenario& s);

// Where shipped examples live: $ATSCHECK_EXAMPLES, else the source tree's examples/.
std::string examples_dir();

// A revision given as a file path or as the name of a shipped one.
Revision load_revision(const std::string& name_or_file);
// A scenario given as a file path, a shipped name, or fleet-N (the fleet with N pairs).
Scenario load_scenario(const std::string& name_or_file);

// The names of the shipped revisions and scenarios, sorted.
std::vector<std::string> shipped_names(const std::string& kind /* revisions|scenarios */);

} // namespace atscheck
