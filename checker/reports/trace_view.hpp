// A counterexample laid out for reports: every state's field values as text,
// and per step the action, the kernel calls with their results, the fields
// that changed and the WARNs that fired. Built by replaying the trace once;
// the story, the HTML report and SARIF all read it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checker/traces/state_fields.hpp"
#include "checker/traces/trace.hpp"

namespace atscheck {

struct StepView {
    std::string label;               // e.g. "attach_prepare 0000:01:00.1 -> dma"
    std::string picks;               // e.g. "[enable_fails=true]", or empty
    std::vector<std::string> calls;  // e.g. "pci_enable_ats() = -EINVAL (ATS not supported)"
    const KernelFunction* entry = nullptr; // the first function the step enters
    std::vector<size_t> changed;     // indices into TraceView::fields
    std::vector<KernelEvent> events; // in order, Enter included
};

struct TraceView {
    std::vector<FieldDesc> fields;
    std::vector<std::vector<std::string>> values; // per state, 0 = the initial state
    std::vector<StepView> steps;
    // The last WARN of the run, where the kernel shows the bug; else none.
    std::optional<WarnSite> warn;
    std::optional<ReplayMismatch> mismatch; // set when the trace is not a run of the model
};

// With `from_any_state` the first state may be any state (a counterexample to
// induction); otherwise it must be an initial state.
TraceView view_trace(const System& sys, const Trace& trace, bool from_any_state = false);
// A state's field values as text, in describe_fields order.
std::vector<std::string> state_text(const System& sys, const std::vector<FieldDesc>& fields,
                                    const ConcreteState& s);

// One Call event as text: "pci_enable_ats() = -EINVAL (ATS not supported)".
std::string call_text(const KernelEvent& e);

// The kernel function a counterexample ends in: the last WARN's function, else
// the last function the final step entered (null when none).
const KernelFunction* violating_function(const TraceView& v);

} // namespace atscheck
