#include "properties/properties.hpp"

#include <cctype>
#include <regex>
#include <set>

#include "checker/input/input_error.hpp"
#include "checker/input/json_fields.hpp"
#include "shipped_properties.hpp" // kShippedProperties: properties/shipped.json, built in

namespace atscheck {

namespace {

constexpr const char* kShippedFile = "properties/shipped.json";

// A property name: what traces, manifests and --property use.
bool valid_name(const std::string& s) {
    if (s.empty() || s.size() > 64 || !(std::islower(static_cast<unsigned char>(s[0]))))
        return false;
    for (char c : s)
        if (!(std::islower(static_cast<unsigned char>(c)) ||
              std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
            return false;
    return true;
}

std::vector<PropertyInfo>& registry();

constexpr const char* kCommandLine = "--invariant";

// Where a property's `part` ("name" or "expression") was written: its JSON
// path in a file, or the whole --invariant argument.
std::string place_of(const PropertyInfo& p, const char* part) {
    return p.source == kCommandLine ? "'" + p.path + "'" : p.path + "." + part;
}

// An error in the expression, at the column where the user wrote it (in an
// --invariant argument, after "NAME:").
InputError expression_error(const PropertyInfo& p, const ExprError& e) {
    const int offset = p.source == kCommandLine ? static_cast<int>(p.path.find(':')) + 1 : 0;
    return InputError(
        p.source, place_of(p, "expression") + " (column " + std::to_string(e.column + offset) + ")",
        e.what);
}

// Checks one property's name and parses its expression.
PropertyInfo parsed(PropertyInfo p) {
    if (!valid_name(p.name))
        throw InputError(p.source, place_of(p, "name"),
                         "\"" + p.name + "\" is not a property name (lower case, digits, _)");
    if (p.symptom.empty())
        p.symptom = "(no kernel symptom given)";
    try {
        p.expr = parse_invariant(p.expression);
    } catch (const ExprError& e) {
        throw expression_error(p, e);
    }
    return p;
}

// Appends a parsed property, unless the same one is known already.
PropertyId insert(PropertyInfo p) {
    if (const auto known = find_property(p.name)) {
        // The same property given twice (a file and a manifest, say) is one.
        if (property_info(*known).expression == p.expression)
            return *known;
        throw InputError(p.source, place_of(p, "name"),
                         "a property named \"" + p.name + "\" exists already, with another " +
                             "expression (from " + property_info(*known).source + ")");
    }
    auto& reg = registry();
    p.id = PropertyId{static_cast<int>(reg.size())};
    reg.push_back(std::move(p));
    return reg.back().id;
}

PropertyId add(PropertyInfo p) {
    return insert(parsed(std::move(p)));
}

std::vector<PropertyId> read_list(const std::string& file, const json& j, bool shipped) {
    std::vector<PropertyId> out;
    for (PropertyInfo& p : parse_properties(file, j)) {
        p.shipped = shipped;
        out.push_back(insert(std::move(p)));
    }
    return out;
}

std::vector<PropertyInfo>& registry() {
    static std::vector<PropertyInfo> reg;
    static bool loaded = false;
    if (!loaded) {
        loaded = true; // before reading: add() looks names up in the registry
        read_list(kShippedFile, parse_json_text(kShippedFile, kShippedProperties), true);
    }
    return reg;
}

} // namespace

std::vector<PropertyInfo> parse_properties(const std::string& file, const json& j) {
    JsonFields top(file, j, "$");
    const json& list = top.array("properties");
    top.finish();
    std::vector<PropertyInfo> out;
    std::set<std::string> names;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string path = "$.properties[" + std::to_string(i) + "]";
        JsonFields f(file, list[i], path);
        PropertyInfo p;
        p.name = f.string("name");
        if (!names.insert(p.name).second)
            f.fail(f.path("name"), "a second property named \"" + p.name + "\"");
        p.meaning = f.string("meaning");
        p.symptom = f.string_or("symptom", "");
        p.expression = f.string("expression");
        f.finish();
        p.source = file;
        p.path = path;
        out.push_back(parsed(std::move(p)));
    }
    return out;
}

const std::vector<PropertyInfo>& all_properties() {
    return registry();
}

namespace {

// Witness invariants (add_witness): checked like properties, listed nowhere.
// Their ids count down from -1, so they never meet a listed property's.
std::vector<PropertyInfo>& witnesses() {
    static std::vector<PropertyInfo> reg;
    return reg;
}

} // namespace

const PropertyInfo& property_info(PropertyId id) {
    if (id.index < 0)
        return witnesses().at(static_cast<size_t>(-id.index - 1));
    return registry().at(static_cast<size_t>(id.index));
}

PropertyId add_witness(const std::string& name, const std::string& meaning,
                       const std::string& expression) {
    auto& reg = witnesses();
    for (const auto& w : reg)
        if (w.name == name && w.expression == expression)
            return w.id;
    PropertyInfo p = parsed({.name = name,
                             .meaning = meaning,
                             .symptom = meaning,
                             .expression = expression,
                             .source = "(vacuity)",
                             .path = name});
    p.id = PropertyId{-static_cast<int>(reg.size()) - 1};
    reg.push_back(std::move(p));
    return reg.back().id;
}

std::optional<PropertyId> find_property(const std::string& name) {
    for (const auto& p : registry())
        if (p.name == name)
            return p.id;
    return std::nullopt;
}

std::vector<PropertyId> load_properties_file(const std::string& file) {
    return read_list(file, read_json_file(file), false);
}

std::vector<PropertyId> add_user_properties(const std::vector<std::string>& files,
                                            const std::vector<std::string>& invariants) {
    std::vector<PropertyId> out;
    for (const auto& file : files)
        for (PropertyId id : load_properties_file(file))
            out.push_back(id);
    for (const auto& spec : invariants)
        out.push_back(add_invariant(spec));
    return out;
}

PropertyId add_invariant(const std::string& spec) {
    const size_t colon = spec.find(':');
    if (colon == std::string::npos)
        throw InputError(kCommandLine, spec, "expected NAME: EXPRESSION");
    auto trim = [](std::string s) {
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
            s.erase(s.begin());
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
            s.pop_back();
        return s;
    };
    PropertyInfo p;
    p.name = trim(spec.substr(0, colon));
    p.expression = spec.substr(colon + 1);
    p.meaning = "--invariant " + trim(p.expression);
    p.source = kCommandLine;
    p.path = spec;
    return add(std::move(p));
}

PropertyId add_property_spec(const std::string& file, const std::string& where,
                             const std::string& name, const std::string& meaning,
                             const std::string& symptom, const std::string& expression) {
    if (const auto known = find_property(name)) {
        if (property_info(*known).expression != expression)
            throw InputError(file, where,
                             "property \"" + name + "\" is known with another expression: \"" +
                                 property_info(*known).expression + "\"");
        return *known;
    }
    PropertyInfo p{.name = name,
                   .meaning = meaning,
                   .symptom = symptom,
                   .expression = expression,
                   .source = file,
                   .path = where};
    return add(std::move(p));
}

void check_properties_against(const System& sys, const std::vector<PropertyId>& ids) {
    for (PropertyId id : ids) {
        const PropertyInfo& p = property_info(id);
        try {
            check_domain_constants(p.expr, sys);
        } catch (const ExprError& e) {
            throw expression_error(p, e);
        }
    }
}

std::string symptom_on(const PropertyInfo& p, const Revision& r) {
    static const std::regex site(
        R"(ats\.c:(\d+) at (pci_prepare_ats|pci_enable_ats|pci_disable_ats))");
    std::string out;
    auto at = p.symptom.cbegin();
    for (std::sregex_iterator m(p.symptom.begin(), p.symptom.end(), site), end; m != end; ++m) {
        const std::string helper = (*m)[2];
        const int line = helper == "pci_prepare_ats"  ? r.warn_lines.prepare
                         : helper == "pci_enable_ats" ? r.warn_lines.enable
                                                      : r.warn_lines.disable;
        out.append(at, (*m)[0].first);
        out += "ats.c:" + std::to_string(line) + " at " + helper;
        at = (*m)[0].second;
    }
    return out.append(at, p.symptom.cend());
}

} // namespace atscheck
