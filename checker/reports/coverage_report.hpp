// Renders coverage reports: text for people, JSON for programs.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "checker/trust/coverage.hpp"

namespace atscheck {

// The actions with their fire counts, the branches by kernel function, and a
// closing line naming every dead action.
std::string render_coverage_text(const CoverageReport& r);
// Only the dead actions, one "vacuity: ..." line each, for check --vacuity.
std::string render_vacuity_lines(const CoverageReport& r);
nlohmann::json render_coverage_json(const CoverageReport& r);

} // namespace atscheck
