#include "checker/reports/story.hpp"

#include <sstream>

#include "checker/reports/trace_view.hpp"
#include "checker/traces/state_fields.hpp"

namespace atscheck {

std::string errno_name(int ret) {
    switch (ret) {
    case 0:
        return "0";
    case -kEINVAL:
        return "-EINVAL";
    case -kEBUSY:
        return "-EBUSY";
    case -kEIO:
        return "-EIO";
    }
    return std::to_string(ret);
}

namespace {

// The fields that differ between two states, one line per object, e.g.
// "master[0000:01:00.1]: ats_enabled false -> true, domain none -> dma".
std::vector<std::string> changes(const System& sys, const ConcreteState& before,
                                 const ConcreteState& after) {
    const auto a = field_values(before), b = field_values(after);
    const int n = static_cast<int>(a.size());
    const auto fields = describe_fields(sys);
    std::vector<std::string> lines;
    std::string object;
    for (int i = 0; i < n; ++i) {
        if (a[i] == b[i])
            continue;
        const std::string& name = fields[i].name;
        const auto dot = name.find("].");
        const std::string owner = dot == std::string::npos ? "events" : name.substr(0, dot + 1);
        const std::string field = dot == std::string::npos ? name : name.substr(dot + 2);
        const std::string change = field + " " + format_value(sys, fields[i].kind, a[i]) + " -> " +
                                   format_value(sys, fields[i].kind, b[i]);
        if (owner != object || lines.empty())
            lines.push_back(owner + ": " + change);
        else
            lines.back() += ", " + change;
        object = owner;
    }
    return lines;
}

std::string describe_initial(const System& sys, const ConcreteState& s) {
    std::string out;
    for (int d = 0; d < sys.num_devices(); ++d) {
        const Device& dev = sys.scenario.devices[d];
        out += (out.empty() ? "" : "; ") + dev.name +
               (dev.is_vf() ? " (VF of " + sys.scenario.devices[*dev.pf].name + ")" : "") +
               " ats_cap=" + (s.pdev[d].ats_cap ? "yes" : "no") +
               (s.pdev[d].untrusted ? " untrusted" : "");
    }
    return out;
}

void print_splat(std::ostream& os, const KernelEvent& e) {
    const std::string pad = "      ";
    os << pad << "------------[ cut here ]------------\n";
    os << pad << "WARNING: " << e.site.file;
    if (e.site.line > 0)
        os << ":" << e.site.line;
    os << " at " << e.site.function << "\n";
    os << pad << "Call trace:\n";
    for (const auto& fn : e.chain)
        os << pad << " " << fn << "\n";
    os << pad << "---[ end trace ]---\n";
}

} // namespace

std::string render_story(const System& sys, const Trace& trace, bool from_any_state) {
    const ReplayResult replay = replay_trace(sys, trace, from_any_state);
    std::ostringstream os;
    if (from_any_state) {
        os << "   0. from a state that differs from the first initial state in:\n";
        for (const auto& line : changes(sys, initial_states(sys).front(), trace.initial))
            os << "      " << line << "\n";
    } else {
        os << "   0. initial: " << describe_initial(sys, trace.initial) << "\n";
    }
    const ConcreteState* before = &trace.initial;
    for (size_t i = 0; i < trace.steps.size(); ++i) {
        const TraceStep& step = trace.steps[i];
        os << (i + 1 < 10 ? "   " : "  ") << i + 1 << ". " << action_label(sys, step.action);
        std::string calls;
        const auto* events = i < replay.events.size() ? &replay.events[i] : nullptr;
        if (events)
            for (const auto& e : *events) {
                if (e.kind == KernelEvent::Kind::Message)
                    calls += (calls.empty() ? "" : ", ") + e.function;
                if (e.kind == KernelEvent::Kind::Call)
                    calls += (calls.empty() ? "" : ", ") + call_text(e);
            }
        if (!calls.empty())
            os << ": " << calls;
        for (const auto& p : step.picks)
            os << " [" << p.name << "=" << (p.value ? "true" : "false") << "]";
        os << "\n";
        for (const auto& line : changes(sys, *before, step.state))
            os << "      " << line << "\n";
        if (events)
            for (const auto& e : *events)
                if (e.kind == KernelEvent::Kind::Warn)
                    print_splat(os, e);
        before = &step.state;
    }
    if (replay.mismatch)
        os << "   (the trace does not replay at state " << replay.mismatch->state_index << ": "
           << replay.mismatch->what << ")\n";
    return os.str();
}

} // namespace atscheck
