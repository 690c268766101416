// Traces as ITF, the Informal Trace Format of Apalache and Quint
// (apalache-mc/apalache docs/src/adr/015adr-trace.md): {"#meta", "vars", "states"},
// integers as {"#bigint": "3"}, maps as {"#map": [[k, v], ...]}, records as
// objects. Each state carries Quint's mbt::actionTaken and mbt::nondetPicks, and
// #meta embeds the revision and scenario so a trace replays on its own.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "checker/traces/trace.hpp"

namespace atscheck {

struct TraceMeta {
    std::string property; // the property the trace violates
    std::string engine;
    std::string description;
};

struct ItfTrace {
    System system;
    Trace trace;
    TraceMeta meta;
};

nlohmann::json trace_to_itf(const System& sys, const Trace& trace, const TraceMeta& meta);

// Reads an ITF trace written by atscheck; structural problems are InputErrors
// naming `file` and the JSON path. It does not replay the trace (see replay_trace).
ItfTrace trace_from_itf(const std::string& file, const nlohmann::json& j);

} // namespace atscheck
