#include "checker/conform/model_graph.hpp"

#include <map>

#include "checker/traces/state_fields.hpp"

namespace atscheck {

ModelGraph explore_model(const System& sys, size_t max_states, int max_depth) {
    ModelGraph g;
    std::map<std::vector<int>, int> index;
    auto add = [&](const ConcreteState& s, int parent, const ActionInstance* via,
                   const std::vector<Pick>& picks) {
        auto [it, fresh] = index.try_emplace(field_values(s), static_cast<int>(g.states.size()));
        if (fresh) {
            g.states.push_back(s);
            g.parent.push_back(parent);
            g.initial.push_back(parent < 0 ? it->second : g.initial[parent]);
            g.via.push_back(via ? *via : ActionInstance{ActionKind::Probe, -1});
            g.via_picks.push_back(picks);
            g.depth.push_back(parent < 0 ? 0 : g.depth[parent] + 1);
        }
        return it->second;
    };
    for (const auto& s : initial_states(sys))
        add(s, -1, nullptr, {});
    const auto actions = action_instances(sys);
    ConcreteState post;
    for (size_t i = 0; i < g.states.size(); ++i) {
        if (g.bounded_depth < 0 && (g.states.size() > max_states || g.depth[i] >= max_depth))
            g.bounded_depth = g.depth[i];
        if (g.bounded_depth >= 0 && g.depth[i] >= g.bounded_depth)
            break; // breadth first: every later state is as deep
        for (const auto& a : actions) {
            ConcreteState pre = g.states[i];
            ConcreteContext x(pre);
            if (!action_enabled(x, sys, a))
                continue;
            ModelGraph::Edge e{static_cast<int>(i), a, {}};
            for_each_outcome(sys, g.states[i], a, post, [&](const ConcreteState& s, auto& script) {
                const auto picks = picks_of(script);
                e.outcomes.push_back({add(s, static_cast<int>(i), &a, picks), picks});
            });
            g.edges.push_back(std::move(e));
        }
    }
    return g;
}

Trace ModelGraph::trace(int state, const Edge* e, const Outcome* o) const {
    std::vector<int> chain;
    for (int at = state; at >= 0; at = parent[at])
        chain.insert(chain.begin(), at);
    Trace t;
    t.initial = states[chain.front()];
    for (size_t i = 1; i < chain.size(); ++i)
        t.steps.push_back({via[chain[i]], via_picks[chain[i]], states[chain[i]]});
    if (e && o)
        t.steps.push_back({e->action, o->picks, states[o->to]});
    return t;
}

} // namespace atscheck
