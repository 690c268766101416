// The SMMU knobs of a tree, from two witnesses: its behaviour in the lockstep
// (the values under which every replayed step agrees) and the pattern reading
// of its source (checker/conform/smmu_conform.hpp). Behaviour decides; the
// pattern reading picks among values behaviour cannot tell apart on the
// replayed scenarios, and where the two disagree the finding says so.
#pragma once

#include <string>
#include <vector>

#include "checker/conform/smmu_conform.hpp"
#include "checker/conform/smmu_lockstep.hpp"

namespace atscheck {

struct KnobFinding {
    std::string knob;                   // the revision field
    std::vector<std::string> behaviour; // values some agreeing combination has
    std::optional<std::string> pattern; // what the pattern reading says
    std::optional<std::string> value;   // the drafted value
    std::string evidence;               // how it was decided, or why not
    bool witnesses_disagree = false;
};

// One finding per SMMU knob (probe_prepare, enable_failure, ats_always_on).
std::vector<KnobFinding> read_knobs_from_behaviour(const SmmuLockstep& lockstep,
                                                   const std::vector<RecognisedKnob>& patterns);

} // namespace atscheck
