#include "checker/engines/units.hpp"

#include <map>

namespace atscheck {

std::vector<std::vector<int>> units_of(const Scenario& sc) {
    const int n = static_cast<int>(sc.devices.size());
    std::vector<std::vector<int>> out;
    for (int d = 0; d < n; ++d) {
        if (sc.devices[d].is_vf())
            continue;
        std::vector<int> unit{d};
        for (int v = 0; v < n; ++v)
            if (sc.devices[v].pf == d)
                unit.push_back(v);
        out.push_back(unit);
    }
    return out;
}

std::vector<DeviceSignature> unit_signature(const Scenario& sc, const std::vector<int>& unit) {
    std::vector<DeviceSignature> sig;
    for (int d : unit) {
        const Device& x = sc.devices[d];
        sig.emplace_back(x.is_vf(), x.stu, x.smmu, x.ats_cap, x.untrusted, x.pasid, x.ats_required);
    }
    return sig;
}

std::vector<std::vector<int>> alike_classes(const Scenario& sc) {
    std::map<std::vector<DeviceSignature>, std::vector<int>> by_signature;
    const auto units = units_of(sc);
    for (size_t u = 0; u < units.size(); ++u)
        by_signature[unit_signature(sc, units[u])].push_back(static_cast<int>(u));
    std::vector<std::vector<int>> out;
    for (auto& [sig, members] : by_signature)
        if (members.size() > 1)
            out.push_back(members);
    return out;
}

UnitStructure alike_units(const Scenario& sc) {
    UnitStructure out{units_of(sc), ""};
    if (out.units.size() < 2)
        out.why_not = "the scenario has one PF/VF unit";
    for (const auto& u : out.units)
        if (out.why_not.empty() && unit_signature(sc, u) != unit_signature(sc, out.units[0]))
            out.why_not = "its PF/VF units are not configured alike (" + sc.devices[u[0]].name +
                          " differs from " + sc.devices[out.units[0][0]].name + ")";
    return out;
}

System with_units(const System& sys, int n) {
    const std::vector<int> first = units_of(sys.scenario).at(0);
    System out = sys;
    out.scenario.devices.clear();
    for (int copy = 0; copy < n; ++copy) {
        const int base = static_cast<int>(out.scenario.devices.size());
        for (int d : first) {
            Device dev = sys.scenario.devices[d];
            if (copy > 0)
                dev.name += "~" + std::to_string(copy + 1);
            if (dev.pf) // the unit's PF is its first device
                dev.pf = base;
            out.scenario.devices.push_back(dev);
        }
    }
    return out;
}

} // namespace atscheck
