// atscheck's exit codes: the enum every command returns, and the one table
// that --help prints (the README's table says the same in Markdown).
#pragma once

#include <array>
#include <string>

#include "model/enum_table.hpp"

namespace atscheck {

enum class ExitCode : int {
    Ok = 0,           // every property proved; the gate passed
    Violated = 1,     // a property is violated; a deviation; a mutant survived
    BadInput = 2,     // bad input or usage
    Inconclusive = 3, // bounded or unknown verdicts
    Internal = 4,     // a bug in atscheck
    Vacuous = 5,      // --vacuity error: an action never fires, or a proof is vacuous
};

struct ExitCodeInfo {
    ExitCode code;
    int severity;        // the higher wins when a run has several outcomes
    const char* meaning; // for --help
};

inline constexpr std::array<ExitCodeInfo, 6> kExitCodes{{
    {ExitCode::Ok, 0,
     "every property holds (ci: every expectation is met; diff: B breaks nothing A proved;\n"
     "     conform: the tree's code matches the model; series: no commit breaks a verdict)"},
    {ExitCode::Violated, 3,
     "a property is violated (ci: a verdict deviates from the manifest, or --kernel: a\n"
     "     fingerprinted function changed; diff: B breaks a property A proved; replay: the trace\n"
     "     violates a property; mutate: a mutant survived; conform: the tree's ats.c matches no\n"
     "     knob combination of the model, a mirrored function is gone, or its SMMU code leaves\n"
     "     the model; series: a commit breaks a verdict the commit before it had)"},
    {ExitCode::BadInput, 4, "bad input or usage (one line on stderr names the file and the place)"},
    {ExitCode::Inconclusive, 1,
     "inconclusive: a verdict is bounded or unknown (depth bound, time or memory limit,\n"
     "     simulation); coverage/check --vacuity error: the exploration stopped before every\n"
     "     action fired; mutate: no mutant survived, but some comparison was inconclusive"},
    {ExitCode::Internal, 5,
     "internal error: a bug in atscheck (e.g. a counterexample that does not replay)"},
    {ExitCode::Vacuous, 2,
     "vacuous (--vacuity error): an action never fires in any reachable state, or a property "
     "is proved while an antecedent of it never holds"},
}};

static_assert(in_enum_order(kExitCodes, [](const ExitCodeInfo& e) { return e.code; }),
              "kExitCodes must list the codes in numeric order");

// The outcome that decides the exit code when a run has two: a violation
// outranks a dead action, which outranks an inconclusive verdict.
constexpr ExitCode most_severe(ExitCode a, ExitCode b) {
    return kExitCodes[static_cast<size_t>(a)].severity >=
                   kExitCodes[static_cast<size_t>(b)].severity
               ? a
               : b;
}

// The "Exit codes:" footer of --help.
inline std::string exit_codes_help() {
    std::string out = "Exit codes:";
    for (const auto& info : kExitCodes)
        out += "\n  " + std::to_string(static_cast<int>(info.code)) + "  " + info.meaning;
    return out;
}

} // namespace atscheck
