// Running one engine on one system, the way every command does: the engine
// chosen by name with its bounds, then every counterexample re-run on the
// concrete model before anyone sees it.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "checker/engines/result.hpp"
#include "checker/internal_error.hpp"

namespace atscheck {

// The engine and its bounds, as the command line or a CI manifest gives them.
struct EngineChoice {
    Engine engine = Engine::Auto;
    std::optional<int> depth; // the engine's own default when unset
    std::optional<double> timeout;
    std::optional<size_t> memory_limit_mb; // resident set size; 0 or unset = none
    bool emit_smt2 = false;
    bool lemmas = true;
    bool symmetry = true; // explicit: symmetry reduction
    unsigned threads = 0; // explicit: 0 = one per core
    uint64_t seed = 1;
    int runs = 1000;
};

// Throws InputError naming the command-line flag when a bound is negative or
// absurd, or --emit-smt2 is asked of a non-symbolic engine.
void validate_engine_choice(const EngineChoice& e);

// The properties named; when `names` is empty, the user's (--properties,
// --invariant) if there are any, else the shipped ones. InputError on an
// unknown name.
std::vector<PropertyId> selected_properties(const std::vector<std::string>& names,
                                            const std::vector<PropertyId>& user = {},
                                            const std::string& where = "--property");

CheckResult run_engine(const System& sys, const EngineChoice& e,
                       const std::vector<PropertyId>& props, ProgressFn progress);

// Replays every counterexample on the concrete model; InternalError when one
// does not replay or does not violate its property.
void recheck_counterexamples(const CheckedSystem& c);

// run_engine under the memory limit, then recheck_counterexamples.
CheckedSystem check_system(System sys, const EngineChoice& e, const std::vector<PropertyId>& props,
                           ProgressFn progress);

} // namespace atscheck
