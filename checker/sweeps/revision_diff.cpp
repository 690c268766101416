#include "checker/sweeps/revision_diff.hpp"

#include "checker/reports/check_report.hpp"
#include "checker/reports/trace_view.hpp"

namespace atscheck {

const char* to_string(VerdictChange c) {
    switch (c) {
    case VerdictChange::Fixed:
        return "fixed";
    case VerdictChange::Broken:
        return "broken";
    case VerdictChange::Changed:
        return "changed";
    case VerdictChange::Inconclusive:
        return "inconclusive";
    }
    return "?";
}

namespace {

bool decided(Verdict v) {
    return v == Verdict::Proved || v == Verdict::Violated;
}

// What the run `trace` (a counterexample on another revision) does on `sys`.
std::string replay_elsewhere(const System& sys, const Trace& trace) {
    const ReplayResult r = replay_trace(sys, trace);
    if (r.mismatch) {
        const int k = r.mismatch->state_index;
        std::string out = "on " + sys.revision.name + " the run diverges at step " +
                          std::to_string(k) + ": " + r.mismatch->what;
        // What the other revision's kernel does in that step instead.
        std::string calls;
        if (k >= 1 && static_cast<size_t>(k) <= r.events.size())
            for (const auto& e : r.events[k - 1])
                if (e.kind == KernelEvent::Kind::Call)
                    calls += (calls.empty() ? "" : ", ") + call_text(e);
        return calls.empty() ? out : out + "; there, " + calls;
    }
    if (r.violated.empty())
        return "on " + sys.revision.name + " the same run replays and violates nothing";
    std::string names;
    for (PropertyId id : r.violated)
        names += (names.empty() ? "" : ", ") + std::string(property_info(id).name);
    return "on " + sys.revision.name + " the same run replays and violates " + names;
}

} // namespace

std::vector<PropertyDiff> diff_verdicts(const CheckedSystem& a, const CheckedSystem& b) {
    std::vector<PropertyDiff> out;
    const auto& pa = a.result.properties;
    const auto& pb = b.result.properties;
    for (size_t i = 0; i < pa.size() && i < pb.size(); ++i) {
        const std::string ca = verdict_cell(pa[i]), cb = verdict_cell(pb[i]);
        // Proved for all N or for this size only: the same verdict here.
        const bool same = pa[i].verdict == pb[i].verdict && pa[i].depth == pb[i].depth &&
                          pa[i].bound == pb[i].bound;
        if (same || (!decided(pa[i].verdict) && !decided(pb[i].verdict)))
            continue;
        PropertyDiff d{i, VerdictChange::Inconclusive, ca, cb, "", ""};
        if (decided(pa[i].verdict) && decided(pb[i].verdict))
            d.change = pa[i].verdict == pb[i].verdict       ? VerdictChange::Changed
                       : pa[i].verdict == Verdict::Violated ? VerdictChange::Fixed
                                                            : VerdictChange::Broken;
        if (pa[i].trace)
            d.a_trace_on_b = replay_elsewhere(b.system, *pa[i].trace);
        if (pb[i].trace)
            d.b_trace_on_a = replay_elsewhere(a.system, *pb[i].trace);
        out.push_back(std::move(d));
    }
    return out;
}

} // namespace atscheck
