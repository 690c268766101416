// How close a scenario is to what the kernel can do, derived from the
// scenario's knobs (never declared, so it cannot be mislabelled): realistic
// (the kernel's own rules), adversarial (an environment action at times the
// kernel does not give it), hypothetical (behaviour the kernel code cannot
// have). Every report carries it next to the verdicts, so a trace that needs
// a relaxation is never presented as a kernel bug (model-spec-2 A3, A4).
#pragma once

#include <string>
#include <vector>

#include "model/system.hpp"

namespace atscheck {

enum class Provenance { Realistic, Adversarial, Hypothetical };
const char* to_string(Provenance p);

// The scenario knobs that relax a kernel rule.
enum class Relaxes { InjectedFaults, NoLock, ThirdPartyAnyTime, QuirkAnyTime, ReleaseWithPasid };

struct Relaxation {
    Relaxes what;
    Provenance label;
    std::string rule; // the kernel rule it relaxes, and how
};

struct ScenarioProvenance {
    Provenance label = Provenance::Realistic; // the strongest of the relaxations
    std::vector<Relaxation> relaxes;
    // "realistic", or e.g. "hypothetical: faults.enable injected: ..."
    std::string text() const;
};

ScenarioProvenance provenance_of(const Scenario& sc);
// Only the relaxations in `used`, with the label they give.
ScenarioProvenance only(const ScenarioProvenance& p, const std::vector<Relaxes>& used);

} // namespace atscheck
