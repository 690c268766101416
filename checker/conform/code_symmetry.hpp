// Symmetry on the code's state, as the model's explicit engine has on its
// own (checker/engines/symmetry.hpp): PF/VF units configured alike
// (units.hpp) are interchangeable for the code too. The harness gives every
// function the same configuration but its StreamID (its index + 1), and the
// driver reads a StreamID only to find an entry or to keep an invalidation
// array sorted. So a state and the same state with two alike units swapped
// (their pci_dev, master and driver records, the names on the domains' lists
// and arrays, an array's ATS entries sorted again) run alike, and the search
// keeps one state per class. That is an assumption about the tree's code,
// not checked on each step: `--no-symmetry` searches without it, and
// tests/test_code_engine.cpp holds both searches to the same verdicts.
#pragma once

#include <string>
#include <vector>

#include "checker/conform/code_state.hpp"

namespace atscheck {

class CodeSymmetry {
  public:
    CodeSymmetry(const System& sys, bool reduce);

    // What tells two states of the code apart: the dump (without the
    // step's events) and the path's sticky flags, under the least renaming
    // of alike units.
    std::string key(const CodeState& code, const ConcreteState& abstraction) const;

    // e.g. "3 interchangeable PF/VF units" (empty without a reduction).
    std::string describe() const { return described_; }

  private:
    std::vector<std::vector<int>> renamings_; // each: device -> its new index
    std::string described_;
};

} // namespace atscheck
