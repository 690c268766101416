// A counterexample: an initial state and the steps after it, each with its
// action instance, the nondeterministic picks it made, and the state it reached.
// Every engine produces this; the ITF writer, the story printer and replay read it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/concrete.hpp"
#include "model/provenance.hpp"
#include "properties/properties.hpp"

namespace atscheck {

struct TraceStep {
    ActionInstance action;
    std::vector<Pick> picks;
    ConcreteState state; // after the step
};

struct Trace {
    ConcreteState initial;
    std::vector<TraceStep> steps;
    // A trace found on a tree's compiled code (checker/conform/code_engine.hpp):
    // what the code did at each step. The reports tell these events instead of
    // the model's, which need not run the trace at all.
    std::optional<std::vector<std::vector<KernelEvent>>> observed;
    const ConcreteState& last() const { return steps.empty() ? initial : steps.back().state; }
};

// Why a trace does not replay: the step index (0 = the initial state) and what differs.
struct ReplayMismatch {
    int state_index;
    std::string what;
};

// The properties violated in the final state of a trace that replays.
struct ReplayResult {
    std::optional<ReplayMismatch> mismatch; // set when the trace is not a run of the model
    std::vector<PropertyId> violated;       // at the last state
    // What the kernel did, per step; on a state mismatch, also in the mismatching step.
    std::vector<std::vector<KernelEvent>> events;
};

// What a counterexample relies on: the scenario's relaxations its steps use
// (an injected fault picked, an environment action taken, two masters
// prepared at once without the lock). Realistic when it uses none.
ScenarioProvenance trace_provenance(const System& sys, const Trace& trace);

// Re-executes every step of `trace` on the concrete model: the initial state
// must be an initial state of the scenario, every action enabled, every pick the
// one the step asks for, and every recorded state the one the model reaches.
// With `from_any_state`, the first state need not be initial (a counterexample
// to induction starts anywhere).
ReplayResult replay_trace(const System& sys, const Trace& trace, bool from_any_state = false);

// The properties that do not hold in state `s`.
std::vector<PropertyId> violated_properties(const System& sys, const ConcreteState& s);

// The first field where two states differ, named as in traces (e.g.
// pdev[0000:01:00.1].ats_enabled), or "" when they are equal.
std::string first_difference(const System& sys, const ConcreteState& a, const ConcreteState& b);

} // namespace atscheck
