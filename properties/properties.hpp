// The invariants the engines check: each a name, a one-line meaning, the
// kernel symptom when it is broken, and an expression in the property
// language (properties/expr.hpp, docs/properties.md). The shipped eight of
// model-spec section 5 are properties/shipped.json, built into the binary;
// users add their own with --properties FILE and --invariant 'NAME: EXPR'.
// Every engine evaluates the same expression through the generic model's
// execution context, so no engine knows one property from another.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "properties/expr_eval.hpp"

namespace atscheck {

// A property's place in the registry, in the order properties were added.
struct PropertyId {
    int index = 0;
    auto operator<=>(const PropertyId&) const = default;
};

struct PropertyInfo {
    PropertyId id;
    std::string name;
    std::string meaning;
    std::string symptom;
    std::string expression; // the text, as written
    Expr expr;              // parsed and type-checked
    std::string source;     // the file it came from ("--invariant" on the command line)
    std::string path;       // its JSON path there (the whole argument for --invariant)
    bool shipped = false;
};

// The property's symptom on revision `r`: a WARN site written as
// "ats.c:N at pci_prepare_ats" (or pci_enable_ats, pci_disable_ats) gets the
// revision's line for that helper (ats_warn_lines). Traces and their reports
// use this; listings without a revision show the text as written.
std::string symptom_on(const PropertyInfo& p, const Revision& r);

// Every property known, the shipped eight first.
const std::vector<PropertyInfo>& all_properties();
const PropertyInfo& property_info(PropertyId id);
std::optional<PropertyId> find_property(const std::string& name);

// Adds the properties of a JSON file ({"properties": [{"name", "meaning",
// "symptom", "expression"}, ...]}) or of one --invariant 'NAME: EXPR'. Bad
// input (syntax, names, types, a duplicate name) is an InputError naming the
// file, the JSON path and the column. Returns the ids added.
std::vector<PropertyId> load_properties_file(const std::string& file);
// The same file parsed and checked, without adding anything (the fuzz target).
std::vector<PropertyInfo> parse_properties(const std::string& file, const nlohmann::json& j);
PropertyId add_invariant(const std::string& spec);
// --properties FILE... then --invariant SPEC...: the ids, in that order.
std::vector<PropertyId> add_user_properties(const std::vector<std::string>& files,
                                            const std::vector<std::string>& invariants);
// One property given by its parts (a trace's #meta.property_spec): added
// unless a property of that name is known, which must then have the same
// expression. `where` names the place in `file`.
PropertyId add_property_spec(const std::string& file, const std::string& where,
                             const std::string& name, const std::string& meaning,
                             const std::string& symptom, const std::string& expression);

// A witness invariant (checker/engines/vacuity.hpp): a property the engines
// check like any other, which no listing, report rule or name lookup shows.
PropertyId add_witness(const std::string& name, const std::string& meaning,
                       const std::string& expression);

// InputError when a property names a domain the system's scenario lacks.
void check_properties_against(const System& sys, const std::vector<PropertyId>& ids);

// Whether property `id` holds in the state x.s.
template <class X> typename X::Bool property_holds(X& x, const System& sys, PropertyId id) {
    return expr_holds(x, sys, property_info(id).expr);
}

} // namespace atscheck
