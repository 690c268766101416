// Renders `atscheck mutate` results: a table of mutants and the mutation score.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "checker/trust/mutation.hpp"

namespace atscheck {

std::string render_mutation_text(const MutationReport& r);
nlohmann::json render_mutation_json(const MutationReport& r);

} // namespace atscheck
