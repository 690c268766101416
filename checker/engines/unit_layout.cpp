#include "checker/engines/unit_layout.hpp"

#include <map>

#include "checker/engines/units.hpp"

namespace atscheck {

UnitLayout unit_layout(const SymbolicSystem& ts) {
    UnitLayout out;
    out.units = units_of(ts.system().scenario);
    out.unit_of_device.assign(ts.system().num_devices(), -1);
    out.place_of_device.assign(ts.system().num_devices(), -1);
    for (size_t u = 0; u < out.units.size(); ++u)
        for (size_t k = 0; k < out.units[u].size(); ++k) {
            out.unit_of_device[out.units[u][k]] = static_cast<int>(u);
            out.place_of_device[out.units[u][k]] = static_cast<int>(k);
        }
    for (const auto& f : ts.fields()) {
        const FieldRef& at = f.at;
        const int d = at.device;
        out.key.push_back(std::to_string(static_cast<int>(at.scope)) + at.spec->name + "/" +
                          std::to_string(d < 0 ? -1 : out.place_of_device[d]) + "/" +
                          std::to_string(at.domain));
        out.unit.push_back(d < 0 ? -1 : out.unit_of_device[d]);
        if (d >= 0)
            out.role.push_back(Role::Unit);
        else if (at.scope == FieldScope::Flag && f.kind == FieldKind::Bool)
            out.role.push_back(Role::Flag);
        else if (at.scope == FieldScope::Domain && f.kind == FieldKind::Count)
            out.role.push_back(Role::Counter);
        else {
            out.role.push_back(Role::Counter);
            out.unsupported =
                f.name + " is shared by the units and is neither a counter nor a flag";
        }
    }
    return out;
}

std::vector<int> swap_fields(const UnitLayout& l, int u, int v) {
    std::map<std::pair<int, std::string>, int> at; // (unit, key) -> field
    for (size_t i = 0; i < l.key.size(); ++i)
        if (l.unit[i] >= 0)
            at[{l.unit[i], l.key[i]}] = static_cast<int>(i);
    std::vector<int> perm(l.key.size());
    for (size_t i = 0; i < perm.size(); ++i) {
        const int w = l.unit[i];
        perm[i] = w == u   ? at.at({v, l.key[i]})
                  : w == v ? at.at({u, l.key[i]})
                           : static_cast<int>(i);
    }
    return perm;
}

int swap_device(const UnitLayout& l, int d, int u, int v) {
    const int w = l.unit_of_device[d];
    const int to = w == u ? v : w == v ? u : w;
    return l.units[to][l.place_of_device[d]];
}

} // namespace atscheck
