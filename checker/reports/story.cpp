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

// The fields that differ between two states (as text), one line per object,
// e.g. "master[0000:01:00.1]: ats_enabled false -> true, domain none -> dma".
std::vector<std::string> changes(const std::vector<FieldDesc>& fields,
                                 const std::vector<std::string>& before,
                                 const std::vector<std::string>& after) {
    std::vector<std::string> lines;
    std::string object;
    for (size_t i = 0; i < fields.size() && i < before.size() && i < after.size(); ++i) {
        if (before[i] == after[i])
            continue;
        const std::string& name = fields[i].name;
        const bool flag = fields[i].at.scope == FieldScope::Flag;
        const auto dot = name.find("].");
        const std::string owner = flag ? "events" : name.substr(0, dot + 1);
        const std::string field = flag ? fields[i].label : name.substr(dot + 2);
        const std::string change = field + " " + before[i] + " -> " + after[i];
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
    os << pad << "WARNING: " << e.site.function->file;
    if (e.site.line > 0)
        os << ":" << e.site.line;
    os << " at " << e.site.function->name << "\n";
    os << pad << "Call trace:\n";
    for (const auto& fn : e.chain)
        os << pad << " " << fn << "\n";
    os << pad << "---[ end trace ]---\n";
}

} // namespace

std::string render_story(const System& sys, const Trace& trace, bool from_any_state) {
    const TraceView v = view_trace(sys, trace, from_any_state);
    std::ostringstream os;
    if (from_any_state) {
        os << "   0. from a state that differs from the first initial state in:\n";
        const auto first = state_text(sys, v.fields, initial_states(sys).front());
        for (const auto& line : changes(v.fields, first, v.values[0]))
            os << "      " << line << "\n";
    } else {
        os << "   0. initial: " << describe_initial(sys, trace.initial) << "\n";
    }
    for (size_t i = 0; i < v.steps.size(); ++i) {
        const StepView& step = v.steps[i];
        os << (i + 1 < 10 ? "   " : "  ") << i + 1 << ". " << step.label;
        for (size_t k = 0; k < step.calls.size(); ++k)
            os << (k == 0 ? ": " : ", ") << step.calls[k];
        for (const auto& p : trace.steps[i].picks)
            os << " [" << p.name << "=" << (p.value ? "true" : "false") << "]";
        os << "\n";
        for (const auto& line : changes(v.fields, v.values[i], v.values[i + 1]))
            os << "      " << line << "\n";
        for (const auto& e : step.events)
            if (e.kind == KernelEvent::Kind::Warn)
                print_splat(os, e);
    }
    if (v.mismatch)
        os << "   (the trace does not replay at state " << v.mismatch->state_index << ": "
           << v.mismatch->what << ")\n";
    return os.str();
}

} // namespace atscheck
