// A tree's conformance, both layers: its ats.c case by case, its mirrored
// functions located, its SMMU slice in lockstep with the model, and the SMMU
// knobs read from behaviour. What `conform` prints and `series` tabulates.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "checker/conform/knob_reading.hpp"
#include "checker/conform/pci_conform.hpp"
#include "checker/conform/smmu_conform.hpp"
#include "checker/conform/smmu_lockstep.hpp"

namespace atscheck {

struct TreeConformance {
    PciConformance pci;
    SmmuConformance smmu;
    SmmuLockstep lockstep;
    std::vector<KnobFinding> knobs; // from behaviour, the pattern reading second
    // A mirrored function missing from a file the tree has, and of no later
    // era: removed or renamed.
    bool lost_function() const {
        return std::any_of(smmu.functions.begin(), smmu.functions.end(),
                           [](const MirroredFunction& f) { return f.lost(); });
    }
    // Replayed on the code, and no knob combination agrees on every step.
    bool leaves_model() const { return lockstep.replayed() && lockstep.agreeing().empty(); }
    bool conforms() const { return pci.conforms() && !lost_function() && !leaves_model(); }
};

// Throws InputError (exit 2) on a tree that is not one, or whose code does not build.
TreeConformance conform_tree(const std::string& kernel_dir,
                             const std::vector<std::string>& scenarios);

} // namespace atscheck
