// The text view of a trace: one numbered line per step in kernel terms, the
// fields that changed, and a kernel-style splat wherever a WARN fired.
#pragma once

#include <string>

#include "checker/traces/trace.hpp"

namespace atscheck {

// `trace` must replay (the events are taken from replaying it); with
// `from_any_state` its first state may be any state (a counterexample to induction).
std::string render_story(const System& sys, const Trace& trace, bool from_any_state = false);

// "-EINVAL" for -22, "0" for 0.
std::string errno_name(int ret);

} // namespace atscheck
