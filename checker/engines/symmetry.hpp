// Symmetry between identical PF/VF units: the explicit engine stores one state
// per class, and Houdini drops a failed lemma's images (generators()). A unit is a PF with its VFs
// (or a device without VFs); units whose devices are configured alike (units.hpp's
// unit_signature) are interchangeable: the model, the actions and every
// property treat device indices alike, and no field refers to a device index. So a state and the
// same state with two such units swapped are equivalent, and the engine stores one representative
// per class: the state with its units' bytes sorted. The all-N proof checks that premise as SMT
// obligations (interchange.hpp); under a seeded fault that breaks it (model/mutants.hpp's
// breaks_symmetry) there is no reduction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/system.hpp"

namespace atscheck {

class Symmetry {
  public:
    explicit Symmetry(const System& sys);
    // No reduction: every state is its own representative.
    static Symmetry none() { return Symmetry(); }

    // True when no two units are interchangeable (canonicalize does nothing).
    bool trivial() const { return classes_.empty(); }
    // e.g. "4 interchangeable PF/VF units" (empty when trivial).
    std::string describe() const;

    // Rewrites a packed state (checker/engines/state_codec.hpp) into its representative.
    void canonicalize(int8_t* state) const;
    // For a state that differs from a representative only in the fields
    // `changed`: when they lie within one unit (or none), moves that unit to
    // its place among the others, which are still sorted, and says whether it
    // moved; Unknown when they span units (canonicalize then). Most
    // successors change one unit, and this is a few comparisons where
    // canonicalize is a sort: fleet-4 a fifth faster.
    enum class Order { Kept, Moved, Unknown };
    Order restore_order(int8_t* state, const std::vector<uint32_t>& changed) const;

    // Permutations of the field indices (zip_fields order) that swap the first
    // unit of a class with each other one; together they generate every
    // permutation of interchangeable units. perm[i] is the field that field i
    // takes its value from.
    std::vector<std::vector<int>> generators() const;

  private:
    Symmetry() = default;
    int compare_units(const int8_t* state, int u, int v) const;
    // The packed-byte offsets of each unit, in one fixed order per unit.
    std::vector<std::vector<int>> unit_bytes_;
    std::vector<size_t> unit_devices_; // devices per unit (1: a lone device)
    int fields_ = 0;                   // fields in a state (packed bytes)
    // Classes of at least two interchangeable units (indices into unit_bytes_).
    std::vector<std::vector<int>> classes_;
    std::vector<int> unit_of_field_;                    // -1 for fields of no unit
    std::vector<int> class_of_unit_, position_of_unit_; // -1 for units in no class
    mutable std::vector<int8_t> scratch_;
    mutable std::vector<int> order_;
};

} // namespace atscheck
