// Renders check results for people (text) and for programs (JSON).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/engines/result.hpp"
#include "checker/exit_code.hpp"

namespace atscheck {

// One revision: the summary, the verdict table and, when `stories`, the
// kernel-terms story of every counterexample.
std::string render_text(const CheckedSystem& c, bool stories);
// Several revisions on one scenario: properties as rows, revisions as columns.
std::string render_verdict_table(const std::vector<CheckedSystem>& checks);
nlohmann::json render_json(const CheckedSystem& c);

// `s` padded with spaces to `width` columns (at least one space after it), for text tables.
std::string pad(const std::string& s, size_t width);

// "proved", "violated@3", "bounded@10" or "unknown".
std::string verdict_cell(const PropertyResult& r);

// The exit code contract: 1 if anything is violated, else 3 if anything is
// bounded or unknown, else 0.
ExitCode exit_code_for(const std::vector<CheckedSystem>& checks);

} // namespace atscheck
