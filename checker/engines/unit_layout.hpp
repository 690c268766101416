// The fields of a system of alike PF/VF units (units.hpp) as the all-N proof
// sees them: each field's role, its unit, and a key that names the same field
// of another unit, or of the system with another number of units.
#pragma once

#include <string>
#include <vector>

#include "checker/engines/symbolic_system.hpp"

namespace atscheck {

// A field's part in the proof: one unit's own, a domain's counter shared by
// the units, or a sticky event flag.
enum class Role { Unit, Counter, Flag };

struct UnitLayout {
    // Per field, in zip_fields order.
    std::vector<Role> role;
    std::vector<int> unit; // -1 for a shared field
    std::vector<std::string> key;
    std::string unsupported; // a shared field that is neither counter nor flag
    // Per device: its unit, and its place within the unit.
    std::vector<int> unit_of_device, place_of_device;
    std::vector<std::vector<int>> units; // units.hpp's units_of
};

UnitLayout unit_layout(const SymbolicSystem& ts);

// The permutation of fields that swaps units u and v: perm[i] is the field
// whose value field i takes. Fields of neither unit stay.
std::vector<int> swap_fields(const UnitLayout& l, int u, int v);
// The device that takes device d's place when units u and v are swapped.
int swap_device(const UnitLayout& l, int d, int u, int v);

} // namespace atscheck
