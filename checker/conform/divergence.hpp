// Where a tree's code leaves the model, told in kernel terms: the path, the
// action and the kernel function it enters by, the first field (or event) that
// differs, the model's value and the code's, and where the code set its value
// (the tree's function and lines, from the harness's "set" events and the
// function's body). Written by the lockstep (checker/conform/smmu_lockstep.cpp).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/conform/code_state.hpp"
#include "checker/conform/smmu_conform.hpp"
#include "checker/traces/trace.hpp"

namespace atscheck {

struct Divergence {
    std::vector<std::string> path; // action labels before the diverging one
    std::string initial;           // the initial state, where the scenario leaves it open
    std::string action;
    std::string function; // the kernel function the action enters by
    std::string field;    // a model field, "events", or "the code" (it died)
    std::string model, code;
    std::string where;  // where the tree's code set its value, when known
    nlohmann::json itf; // the model's path and step, for `atscheck replay`
};

// A divergence at the last step of `trace` (the model's path and successor).
Divergence divergence(const System& sys, const Trace& trace, std::string field, std::string model,
                      std::string code);

// The first field where the code's abstracted state differs from the model's
// successor, with where the code set it; `steps` are the code's dumps along
// the trace (step 0: the initial state).
std::optional<Divergence> state_divergence(SourceTree& tree, const System& sys, const Trace& trace,
                                           const ConcreteState& code,
                                           const std::vector<const CodeState*>& steps);

} // namespace atscheck
