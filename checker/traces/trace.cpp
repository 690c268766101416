#include "checker/traces/trace.hpp"

#include "checker/traces/state_fields.hpp"

namespace atscheck {

std::vector<PropertyId> violated_properties(const System& sys, const ConcreteState& s) {
    ConcreteState copy = s;
    ConcreteContext x(copy);
    std::vector<PropertyId> out;
    for (const auto& p : all_properties())
        if (!property_holds(x, sys, p.id))
            out.push_back(p.id);
    return out;
}

std::string first_difference(const System& sys, const ConcreteState& a, const ConcreteState& b) {
    const auto va = field_values(a), vb = field_values(b);
    for (size_t i = 0; i < va.size(); ++i)
        if (va[i] != vb[i])
            return describe_fields(sys)[i].name;
    return "";
}

ReplayResult replay_trace(const System& sys, const Trace& trace, bool from_any_state) {
    ReplayResult r;
    bool initial_ok = from_any_state;
    for (const auto& init : initial_states(sys))
        initial_ok = initial_ok || first_difference(sys, init, trace.initial).empty();
    if (!initial_ok) {
        r.mismatch = ReplayMismatch{0, "not an initial state of the scenario"};
        return r;
    }
    ConcreteState cur = trace.initial;
    for (size_t i = 0; i < trace.steps.size(); ++i) {
        const TraceStep& step = trace.steps[i];
        const int index = static_cast<int>(i) + 1;
        std::vector<KernelEvent> events;
        if (!run_step(sys, cur, step.action, step.picks, &events)) {
            r.mismatch = ReplayMismatch{
                index, action_label(sys, step.action) +
                           " is not enabled there, or its nondeterministic picks are not the "
                           "ones the step asks for"};
            return r;
        }
        r.events.push_back(std::move(events)); // kept on a mismatch: what the model did instead
        if (auto diff = first_difference(sys, cur, step.state); !diff.empty()) {
            r.mismatch =
                ReplayMismatch{index, "the recorded state differs from the model's at " + diff};
            return r;
        }
    }
    r.violated = violated_properties(sys, cur);
    return r;
}

ScenarioProvenance trace_provenance(const System& sys, const Trace& trace) {
    std::vector<Relaxes> used;
    auto prepared = [](const ConcreteState& s) {
        int n = 0;
        for (const auto& m : s.master)
            n += m.prepared;
        return n;
    };
    const ConcreteState* before = &trace.initial;
    for (const auto& step : trace.steps) {
        if (step.action.kind == ActionKind::ThirdPartyEnable)
            used.push_back(Relaxes::ThirdPartyAnyTime);
        if (step.action.kind == ActionKind::QuirkClearAtsCap)
            used.push_back(Relaxes::QuirkAnyTime);
        if (step.action.kind == ActionKind::Release &&
            before->master[step.action.device].pasid_domain != kNoDomain)
            used.push_back(Relaxes::ReleaseWithPasid);
        for (const auto& p : step.picks)
            if (p.name == "enable_fails" && p.value)
                used.push_back(Relaxes::InjectedFaults);
        if (prepared(step.state) > 1)
            used.push_back(Relaxes::NoLock);
        before = &step.state;
    }
    return only(provenance_of(sys.scenario), used);
}

} // namespace atscheck
