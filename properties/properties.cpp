#include "properties/properties.hpp"

#include <cctype>
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

// Checks one property's name and parses its expression; `column_offset` maps
// the expression's columns to the place the user wrote it.
PropertyInfo parsed(PropertyInfo p, const std::string& name_where, const std::string& expr_where,
                    int column_offset) {
    if (!valid_name(p.name))
        throw InputError(p.source, name_where,
                         "\"" + p.name + "\" is not a property name (lower case, digits, _)");
    if (p.symptom.empty())
        p.symptom = "(no kernel symptom given)";
    try {
        p.expr = parse_invariant(p.expression);
    } catch (const ExprError& e) {
        throw InputError(p.source,
                         expr_where + " (column " + std::to_string(e.column + column_offset) + ")",
                         e.what);
    }
    return p;
}

// Appends a parsed property, unless the same one is known already.
PropertyId insert(PropertyInfo p, const std::string& name_where) {
    if (const auto known = find_property(p.name)) {
        // The same property given twice (a file and a manifest, say) is one.
        if (property_info(*known).expression == p.expression)
            return *known;
        throw InputError(p.source, name_where,
                         "a property named \"" + p.name + "\" exists already, with another " +
                             "expression (from " + property_info(*known).source + ")");
    }
    auto& reg = registry();
    p.id = PropertyId{static_cast<int>(reg.size())};
    reg.push_back(std::move(p));
    return reg.back().id;
}

PropertyId add(PropertyInfo p, const std::string& name_where, const std::string& expr_where,
               int column_offset) {
    return insert(parsed(std::move(p), name_where, expr_where, column_offset), name_where);
}

std::vector<PropertyId> read_list(const std::string& file, const json& j, bool shipped) {
    std::vector<PropertyId> out;
    for (PropertyInfo& p : parse_properties(file, j)) {
        p.shipped = shipped;
        const std::string where = p.path + ".name";
        out.push_back(insert(std::move(p), where));
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
        out.push_back(parsed(std::move(p), f.path("name"), f.path("expression"), 0));
    }
    return out;
}

const std::vector<PropertyInfo>& all_properties() {
    return registry();
}

const PropertyInfo& property_info(PropertyId id) {
    return registry().at(static_cast<size_t>(id.index));
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
        throw InputError("--invariant", spec, "expected NAME: EXPRESSION");
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
    p.source = "--invariant";
    p.path = spec;
    return add(std::move(p), "'" + spec + "'", "'" + spec + "'", static_cast<int>(colon) + 1);
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
    return add(std::move(p), where + ".name", where + ".expression", 0);
}

void check_properties_against(const System& sys, const std::vector<PropertyId>& ids) {
    for (PropertyId id : ids) {
        const PropertyInfo& p = property_info(id);
        try {
            check_domain_constants(p.expr, sys);
        } catch (const ExprError& e) {
            const bool arg = p.source == "--invariant";
            throw InputError(
                p.source,
                (arg ? "'" + p.path + "'" : p.path + ".expression") + " (column " +
                    std::to_string(e.column + (arg ? static_cast<int>(p.path.find(':')) + 1 : 0)) +
                    ")",
                e.what);
        }
    }
}

} // namespace atscheck
