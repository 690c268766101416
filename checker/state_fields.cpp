#include "checker/state_fields.hpp"

#include "model/state.hpp"

namespace atscheck {

std::vector<FieldDesc> describe_fields(const System& sys) {
    std::vector<FieldDesc> out;
    const auto& sc = sys.scenario;
    for (const auto& dev : sc.devices) {
        const std::string p = "pdev[" + dev.name + "].", m = "master[" + dev.name + "].";
        out.push_back({p + "ats_cap", FieldKind::Bool});
        out.push_back({p + "untrusted", FieldKind::Bool});
        out.push_back({p + "ats_stu", FieldKind::Int});
        out.push_back({p + "ats_enabled", FieldKind::Bool});
        out.push_back({m + "probed", FieldKind::Bool});
        out.push_back({m + "ats_enabled", FieldKind::Bool});
        out.push_back({m + "domain", FieldKind::DomainRef});
        out.push_back({m + "phase", FieldKind::Phase});
        out.push_back({m + "pending_domain", FieldKind::DomainRef});
        out.push_back({m + "pending_ats", FieldKind::Bool});
    }
    for (const auto& dom : sc.domains) {
        out.push_back({"domain[" + dom.name + "].nr_ats_masters", FieldKind::Int});
        for (const auto& dev : sc.devices) {
            out.push_back({"domain[" + dom.name + "].devices[" + dev.name + "]", FieldKind::Int});
            out.push_back({"domain[" + dom.name + "].ats_invs[" + dev.name + "]", FieldKind::Int});
        }
    }
    for (const char* f :
         {"warn_disable_132", "warn_enable_98", "warn_prepare_67", "enable_failed", "probe_failed"})
        out.push_back({f, FieldKind::Bool});
    return out;
}

std::vector<int> field_values(const ConcreteState& s) {
    std::vector<int> out;
    zip_fields([&](const auto& v) { out.push_back(int(v)); }, s);
    return out;
}

std::string format_value(const System& sys, FieldKind kind, int v) {
    switch (kind) {
    case FieldKind::Bool:
        return v ? "true" : "false";
    case FieldKind::Int:
        return std::to_string(v);
    case FieldKind::DomainRef:
        if (v == kNoDomain)
            return "none";
        return v >= 0 && v < sys.num_domains() ? sys.scenario.domains[v].name
                                               : "<domain " + std::to_string(v) + ">";
    case FieldKind::Phase:
        return v ? "prepared" : "idle";
    }
    return "?";
}

} // namespace atscheck
