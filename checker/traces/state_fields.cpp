#include "checker/traces/state_fields.hpp"

#include "model/state.hpp"

namespace atscheck {

const char* scope_record(FieldScope scope) {
    switch (scope) {
    case FieldScope::Pdev:
        return "pdev";
    case FieldScope::Master:
        return "master";
    case FieldScope::Domain:
    case FieldScope::DomainDevice:
        return "domain";
    case FieldScope::Flag:
        return nullptr;
    }
    return nullptr;
}

std::string field_name(const System& sys, const FieldRef& at) {
    const auto& sc = sys.scenario;
    const auto indexed = [](const std::string& of, const std::string& index) {
        return of + "[" + index + "]";
    };
    switch (at.scope) {
    case FieldScope::Pdev:
    case FieldScope::Master:
        return indexed(scope_record(at.scope), sc.devices[at.device].name) + "." + at.spec->name;
    case FieldScope::Domain:
        return indexed("domain", sc.domains[at.domain].name) + "." + at.spec->name;
    case FieldScope::DomainDevice:
        return indexed(indexed("domain", sc.domains[at.domain].name) + "." + at.spec->name,
                       sc.devices[at.device].name);
    case FieldScope::Flag:
        return at.spec->name;
    }
    return at.spec->name;
}

namespace {

// A WARN flag's line in the revision's ats.c, or 0 for another field.
int warn_line(const System& sys, const FieldRef& at) {
    const AtsWarnLines& w = sys.revision.warn_lines;
    const std::string_view name = at.spec->name;
    if (at.scope != FieldScope::Flag)
        return 0;
    return name == "warn_disable"   ? w.disable
           : name == "warn_enable"  ? w.enable
           : name == "warn_prepare" ? w.prepare
                                    : 0;
}

} // namespace

std::vector<FieldDesc> describe_fields(const System& sys) {
    std::vector<FieldDesc> out;
    const ConcreteState shape =
        shaped_state<Concrete>(sys.num_devices(), sys.num_domains(), false, 0);
    visit_fields(
        [&](const FieldRef& at, const auto&) {
            std::string name = field_name(sys, at);
            const int line = warn_line(sys, at);
            std::string label = line ? name + " (ats.c:" + std::to_string(line) + ")" : name;
            out.push_back({std::move(name), at.spec->kind, at, std::move(label)});
        },
        shape);
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
    case FieldKind::Count:
    case FieldKind::Stu:
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
