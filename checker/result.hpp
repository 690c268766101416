// What an engine returns: a verdict per property, with its trace when violated.
// Engines never print; checker/report.* renders results.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "checker/trace.hpp"

namespace atscheck {

enum class Verdict { Holds, Violated, Unknown };
const char* to_string(Verdict v);

struct PropertyResult {
    explicit PropertyResult(PropertyId id) : property(id) {}
    PropertyId property;
    Verdict verdict = Verdict::Unknown;
    int depth = -1;             // steps in the counterexample, when violated
    std::optional<Trace> trace; // when violated
    std::string reason;         // when unknown: why (depth bound, time limit, ...)
    std::string trace_file;     // set by the CLI once written
};

struct EngineStats {
    uint64_t states = 0;
    uint64_t transitions = 0;
    int depth = 0;           // deepest level explored
    bool exhaustive = false; // every reachable state was explored
    double seconds = 0;
    size_t memory_bytes = 0;
    uint64_t runs = 0; // random runs (simulation)
};

struct CheckResult {
    std::string engine;
    std::vector<PropertyResult> properties;
    EngineStats stats;
};

// Reported by long-running engines; the CLI prints it to stderr.
struct Progress {
    uint64_t states;
    uint64_t transitions;
    int depth;
    double seconds;
};
using ProgressFn = std::function<void(const Progress&)>;

} // namespace atscheck
