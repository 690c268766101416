// The PF/VF units of a scenario: a PF with the VFs that name it as their PF, or
// a device without VFs. The model treats device indices alike, so units whose
// devices are configured alike are interchangeable: the symmetry reduction
// (symmetry.hpp) stores one state per class of them, and the all-N proof
// (all_n.hpp) argues about one unit for any number of them.
#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "model/system.hpp"

namespace atscheck {

// Each unit's devices, the PF (or lone device) first, in device order.
std::vector<std::vector<int>> units_of(const Scenario& sc);

// What makes two units alike for the model: each device's configuration but its
// name (VF, STU, SMMU, initial ats_cap and untrusted, PASID, ats_required).
using DeviceSignature = std::tuple<bool, int, std::string, InitBool, InitBool, bool, bool>;
std::vector<DeviceSignature> unit_signature(const Scenario& sc, const std::vector<int>& unit);

// The classes of interchangeable units (at least two each), as indices into
// units_of(sc): the model's symmetry (symmetry.hpp) and the code's
// (checker/conform/code_symmetry.hpp) reduce by the same classes.
std::vector<std::vector<int>> alike_classes(const Scenario& sc);

// The scenario's `count` units when they are all alike and there are at least
// two; otherwise why not.
struct UnitStructure {
    std::vector<std::vector<int>> units;
    std::string why_not; // empty when the units are all alike and at least two
};
UnitStructure alike_units(const Scenario& sc);

// The system with its devices replaced by `n` copies of its first unit (the
// copies named NAME~2, NAME~3, ...); domains, environment and revision kept.
System with_units(const System& sys, int n);

} // namespace atscheck
