#include "checker/story.hpp"

#include <sstream>

#include "checker/state_codec.hpp"
#include "checker/state_fields.hpp"

namespace atscheck {

std::string errno_name(int ret) {
    switch (ret) {
    case 0: return "0";
    case -kEINVAL: return "-EINVAL";
    case -kEBUSY: return "-EBUSY";
    case -kEIO: return "-EIO";
    }
    return std::to_string(ret);
}

namespace {

// "a: x -> y, b: ..." for the fields that differ between two states.
std::string changes(const System& sys, const ConcreteState& before, const ConcreteState& after) {
    const int n = packed_size(sys);
    std::vector<int8_t> a(n), b(n);
    pack_state(before, a.data());
    pack_state(after, b.data());
    const auto fields = describe_fields(sys);
    std::string out;
    for (int i = 0; i < n; ++i)
        if (a[i] != b[i])
            out += (out.empty() ? "" : ", ") + fields[i].name + " " +
                   format_value(sys, fields[i].kind, a[i]) + " -> " +
                   format_value(sys, fields[i].kind, b[i]);
    return out;
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

std::string render_story(const System& sys, const Trace& trace) {
    const ReplayResult replay = replay_trace(sys, trace);
    std::ostringstream os;
    os << "   0. initial: " << describe_initial(sys, trace.initial) << "\n";
    const ConcreteState* before = &trace.initial;
    for (size_t i = 0; i < trace.steps.size(); ++i) {
        const TraceStep& step = trace.steps[i];
        os << (i + 1 < 10 ? "   " : "  ") << i + 1 << ". " << action_label(sys, step.action);
        std::string calls;
        const auto* events = i < replay.events.size() ? &replay.events[i] : nullptr;
        if (events)
            for (const auto& e : *events) {
                if (e.kind != KernelEvent::Kind::Call)
                    continue;
                calls += (calls.empty() ? "" : ", ") + e.function + "()";
                if (e.has_ret)
                    calls += " = " + errno_name(e.ret);
                if (!e.reason.empty())
                    calls += " (" + e.reason + ")";
            }
        if (!calls.empty())
            os << ": " << calls;
        for (const auto& p : step.picks)
            os << " [" << p.name << "=" << (p.value ? "true" : "false") << "]";
        os << "\n";
        if (auto c = changes(sys, *before, step.state); !c.empty())
            os << "      " << c << "\n";
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
