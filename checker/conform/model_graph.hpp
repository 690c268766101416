// The model's reachable graph for one system, breadth first, with each
// state's first path from an initial state: what the lockstep replays on a
// tree's code (checker/conform/smmu_lockstep.cpp), one edge at a time.
#pragma once

#include <cstdint>
#include <vector>

#include "checker/traces/trace.hpp"

namespace atscheck {

struct ModelGraph {
    struct Outcome {
        int to;
        std::vector<Pick> picks;
    };
    // An enabled action from a state, with every outcome of its choices.
    struct Edge {
        int from;
        ActionInstance action;
        std::vector<Outcome> outcomes;
    };
    std::vector<ConcreteState> states; // breadth-first order
    std::vector<int> parent;           // -1 for an initial state
    std::vector<int> initial;          // the initial state each first path starts from
    std::vector<ActionInstance> via;   // the step from the parent
    std::vector<std::vector<Pick>> via_picks;
    std::vector<Edge> edges; // in the order of their sources
    std::vector<int> depth;  // the length of each state's first path
    // A graph larger than the caps (a scenario that leaks without bound, as
    // release_with_pasid does): no state at this depth or deeper is expanded
    // but those expanded when a cap was reached. -1: the whole graph.
    int bounded_depth = -1;

    // The first path to `state` and, given, one outcome of one edge after it.
    Trace trace(int state, const Edge* e = nullptr, const Outcome* o = nullptr) const;
};

// Breadth first; past `max_states` states or at `max_depth`, only the
// states of shallower depths than the one then expanded have all their edges.
ModelGraph explore_model(const System& sys, size_t max_states = SIZE_MAX,
                         int max_depth = INT32_MAX);

} // namespace atscheck
