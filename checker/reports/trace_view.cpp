#include "checker/reports/trace_view.hpp"

#include "checker/reports/story.hpp"

namespace atscheck {

std::string call_text(const KernelEvent& e) {
    std::string s = e.function + "()";
    if (e.has_ret)
        s += " = " + errno_name(e.ret);
    if (!e.reason.empty())
        s += " (" + e.reason + ")";
    return s;
}

std::vector<std::string> state_text(const System& sys, const std::vector<FieldDesc>& fields,
                                    const ConcreteState& s) {
    const auto raw = field_values(s);
    std::vector<std::string> out;
    for (size_t i = 0; i < raw.size() && i < fields.size(); ++i)
        out.push_back(format_value(sys, fields[i].kind, raw[i]));
    return out;
}

TraceView view_trace(const System& sys, const Trace& trace, bool from_any_state) {
    ReplayResult replay;
    if (trace.observed)
        replay.events = *trace.observed; // the code's, on the code's states
    else
        replay = replay_trace(sys, trace, from_any_state);
    TraceView v;
    v.fields = describe_fields(sys);
    v.mismatch = std::move(replay.mismatch);
    v.values.push_back(state_text(sys, v.fields, trace.initial));
    for (size_t i = 0; i < trace.steps.size(); ++i) {
        const TraceStep& step = trace.steps[i];
        StepView sv;
        sv.label = action_label(sys, step.action);
        for (const auto& p : step.picks)
            sv.picks += "[" + p.name + "=" + (p.value ? "true" : "false") + "]";
        if (i < replay.events.size())
            sv.events = std::move(replay.events[i]);
        for (const auto& e : sv.events) {
            if (e.kind == KernelEvent::Kind::Call)
                sv.calls.push_back(call_text(e));
            if (e.kind == KernelEvent::Kind::Message)
                sv.calls.push_back(e.text);
            if (e.kind == KernelEvent::Kind::Enter && !sv.entry)
                sv.entry = e.fn;
            if (e.kind == KernelEvent::Kind::Warn)
                v.warn = e.site;
        }
        v.values.push_back(state_text(sys, v.fields, step.state));
        const auto& before = v.values[i];
        const auto& after = v.values[i + 1];
        for (size_t f = 0; f < after.size(); ++f)
            if (before[f] != after[f])
                sv.changed.push_back(f);
        v.steps.push_back(std::move(sv));
    }
    return v;
}

const KernelFunction* violating_function(const TraceView& v) {
    if (v.warn)
        return v.warn->function;
    if (v.steps.empty())
        return nullptr;
    const KernelFunction* last = nullptr;
    for (const auto& e : v.steps.back().events)
        if (e.kind == KernelEvent::Kind::Enter)
            last = e.fn;
    return last;
}

} // namespace atscheck
