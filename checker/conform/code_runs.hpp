// Running paths on a tree's compiled SMMU slice: the harness's script
// protocol (checker/conform/stub/atscheck_smmu_harness.c), shared by the
// lockstep (checker/conform/smmu_lockstep.cpp) and the code engine
// (checker/conform/code_engine.cpp). A script is a path from an initial state
// and the alternatives after it; the harness runs each from a fresh driver
// and dumps the code's state after every step.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "checker/conform/code_state.hpp"
#include "checker/conform/smmu_slice.hpp"
#include "model/concrete.hpp"

namespace atscheck {

// What the code did on one script: after each step of its path (step 0: the
// initial state), and after each alternative.
struct CodeRun {
    std::vector<CodeState> steps;
    std::map<std::string, CodeState> after;   // by the alternative's script word
    std::map<std::string, std::string> crash; // how the code died, by word ("-": the path)
};

// A model action (with the picks of its outcome) as the harness's word, e.g.
// prepare:0:1 or commit!:0 (an injected pci_enable_ats failure).
std::string script_word(const ActionInstance& a, const std::vector<Pick>& picks = {});

// A script's path: the initial state's pdev fields, then the words.
std::string script_path(const ConcreteState& initial, const std::vector<std::string>& words);

// What a run dumps: every step of the path and each alternative, or (for a
// search that knows the path's states) the alternatives alone.
enum class Dumps { PathAndAlternatives, Alternatives };

// Runs every script (path -> alternatives) on the code, in as many harness
// processes as there are cores. Throws InputError (naming `shown_as`) when the
// harness fails or prints what it could not have.
std::map<std::string, CodeRun>
run_scripts(const SmmuSlice& slice, const System& sys,
            const std::map<std::string, std::set<std::string>>& scripts,
            const std::string& shown_as, Dumps dumps = Dumps::PathAndAlternatives);

} // namespace atscheck
