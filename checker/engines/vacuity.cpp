#include "checker/engines/vacuity.hpp"

#include <map>

#include "properties/antecedents.hpp"

namespace atscheck {

namespace {

// An antecedent to check: its property, and its number there (e.g. "2",
// or "2_1" for the first part of the second).
struct Pending {
    PropertyId property; // not a PropertyInfo*: adding a witness moves the registry
    Antecedent antecedent;
    std::string number;
};

// The witness invariant of an antecedent, as a property of its own (named
// after the property it belongs to, for a report or a trace file).
PropertyId witness_property(const Pending& w) {
    const std::string name = property_info(w.property).name;
    return add_witness(name + "__antecedent" + w.number,
                       "the antecedent " + w.antecedent.text + " of " + name + " never holds",
                       w.antecedent.witness);
}

// Each antecedent's witness checked with the engine choice `e`, in order.
std::vector<PropertyResult> witnesses(const System& sys, const EngineChoice& e,
                                      const std::vector<Pending>& all) {
    if (all.empty())
        return {};
    std::vector<PropertyId> ids;
    for (const auto& w : all)
        ids.push_back(witness_property(w));
    EngineChoice quiet = e;
    quiet.emit_smt2 = false;
    CheckedSystem checked{sys, run_engine(sys, quiet, ids, nullptr)};
    recheck_counterexamples(checked); // a witness is a trace like any other
    return checked.result.properties;
}

// The ones never holding (their witness proved), by index.
std::vector<bool> never_hold(const System& sys, const EngineChoice& e,
                             const std::vector<Pending>& all) {
    std::vector<bool> out;
    for (const auto& r : witnesses(sys, e, all))
        out.push_back(r.verdict == Verdict::Proved);
    return out;
}

} // namespace

void mark_vacuous(CheckedSystem& c, const EngineChoice& e) {
    // Round one: every antecedent of every proved property.
    std::vector<Pending> all;
    std::vector<size_t> result_of;
    for (size_t i = 0; i < c.result.properties.size(); ++i) {
        const PropertyResult& r = c.result.properties[i];
        if (r.verdict != Verdict::Proved)
            continue;
        const auto antecedents = antecedents_of(property_info(r.property));
        for (size_t k = 0; k < antecedents.size(); ++k) {
            all.push_back({r.property, antecedents[k], std::to_string(k + 1)});
            result_of.push_back(i);
        }
    }
    const std::vector<bool> vacuous = never_hold(c.system, e, all);
    // Round two: the parts of the vacuous conjunctions, to name the one.
    std::vector<Pending> parts;
    std::vector<size_t> whole_of;
    for (size_t k = 0; k < all.size(); ++k) {
        if (!vacuous[k] || !c.result.properties[result_of[k]].vacuous.empty())
            continue;
        c.result.properties[result_of[k]].vacuous = all[k].antecedent.text;
        const auto& pieces = all[k].antecedent.parts;
        for (size_t j = 0; j < pieces.size(); ++j) {
            parts.push_back(
                {all[k].property, pieces[j], all[k].number + "_" + std::to_string(j + 1)});
            whole_of.push_back(result_of[k]);
        }
    }
    const std::vector<bool> part_vacuous = never_hold(c.system, e, parts);
    std::vector<bool> named(c.result.properties.size(), false);
    for (size_t k = 0; k < parts.size(); ++k)
        if (part_vacuous[k] && !named[whole_of[k]]) {
            c.result.properties[whole_of[k]].vacuous = parts[k].antecedent.text;
            named[whole_of[k]] = true;
        }
}

std::vector<AntecedentReach> antecedent_reach(const System& sys, const EngineChoice& e,
                                              PropertyId property) {
    std::vector<Pending> all;
    const auto antecedents = antecedents_of(property_info(property));
    for (size_t k = 0; k < antecedents.size(); ++k)
        all.push_back({property, antecedents[k], std::to_string(k + 1)});
    std::vector<AntecedentReach> out;
    auto results = witnesses(sys, e, all);
    for (size_t k = 0; k < all.size(); ++k)
        out.push_back({all[k].antecedent.text, std::move(results[k])});
    return out;
}

} // namespace atscheck
