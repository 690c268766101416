// What an engine returns: a verdict per property, with its trace when violated.
// Engines never print; checker/reports/ renders results.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "checker/engines/engine.hpp"
#include "checker/traces/trace.hpp"

namespace atscheck {

// proved: holds in every reachable state (exhaustive search or a proof);
// bounded: no violation up to depth `bound`, no proof; unknown: see `reason`.
enum class Verdict { Proved, Violated, Bounded, Unknown };
const char* to_string(Verdict v);

// A proof obligation or counterexample query as a self-contained SMT-LIB 2
// script, so another solver can re-check the verdict.
struct Smt2Obligation {
    std::string name;     // e.g. "consecution"
    std::string script;   // ends in (check-sat)
    std::string expected; // "unsat" for an obligation, "sat" for a counterexample query
};

struct PropertyResult {
    explicit PropertyResult(PropertyId id) : property(id) {}
    PropertyId property;
    Verdict verdict = Verdict::Unknown;
    int depth = -1;             // steps in the counterexample, when violated
    int bound = -1;             // deepest depth checked without a violation
    std::optional<Trace> trace; // when violated
    std::string method;         // the engine that decided: explicit, bmc, k-induction, pdr, all-n
    // Proved for every number of the scenario's alike PF/VF units (all_n.hpp),
    // not only for this one; all_n_why_not says why not, when the method was tried.
    bool all_n = false;
    std::string all_n_why_not;
    // Proved, but this antecedent of one of its implications never holds in
    // a reachable state (vacuity.hpp): the proof says nothing where it applies.
    std::string vacuous;
    std::string evidence;            // of a proof: "k = 3", or the inductive invariant
    std::vector<std::string> lemmas; // the proved lemmas a proof relies on
    std::optional<Trace> cti;        // k-induction's counterexample to induction, when unproved
    std::vector<Smt2Obligation> obligations; // for --emit-smt2; each must be unsat
    std::string reason;     // when bounded or unknown: why (depth bound, time limit, ...)
    std::string trace_file; // set by the CLI once written
};

struct EngineStats {
    uint64_t states = 0;
    uint64_t transitions = 0;
    int depth = 0;           // deepest level explored
    bool exhaustive = false; // every reachable state was explored
    double seconds = 0;
    size_t memory_bytes = 0;
    uint64_t runs = 0;         // random runs (simulation)
    uint64_t solver_calls = 0; // symbolic engines
};

struct CheckResult {
    Engine engine = Engine::Auto;
    std::vector<PropertyResult> properties;
    EngineStats stats;

    // An engine's starting point: every property open, in the order asked.
    static CheckResult open(Engine engine, const std::vector<PropertyId>& ids) {
        CheckResult r;
        r.engine = engine;
        for (PropertyId id : ids)
            r.properties.push_back(PropertyResult{id});
        return r;
    }
};

// A system and what the engine found on it.
struct CheckedSystem {
    System system;
    CheckResult result;
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
