#include "checker/engines/all_n.hpp"

#include <chrono>
#include <optional>

#include "checker/engines/all_n_premises.hpp"
#include "checker/engines/explicit_engine.hpp"
#include "checker/engines/interchange.hpp"
#include "checker/engines/pdr_engine.hpp"
#include "checker/engines/units.hpp"
#include "properties/decompose.hpp"
#include "properties/properties.hpp"

namespace atscheck {

namespace {

double since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// The evidence of a proof for all N, and the SMT-LIB obligations behind it:
// the system's premises, the property's own swaps, and PDR's on one unit.
void prove_for_all_n(PropertyResult& r, const SystemPremises& pre, const ObligationSet& swapped,
                     const CheckResult& alone, const PropertyResult* pdr) {
    r.verdict = Verdict::Proved;
    r.all_n = true;
    r.method = result_name(Engine::AllN);
    const int folds = pre.cutoff.folds;
    r.evidence =
        "unit decomposition: " + std::to_string(pre.swaps.checked + swapped.checked) +
        " interchangeability obligations (swaps of three units), " +
        std::to_string(pre.ni.checked) + " non-interference obligations (" +
        std::to_string(pre.cutoff.units) + " units against one; the first unit's actions read " +
        std::to_string(folds) + (folds == 1 ? " fact" : " facts") +
        " of other units); the one-unit system: exhaustive search, " +
        std::to_string(alone.stats.states) + " states" + (pdr ? ", and PDR's invariant" : "");
    r.obligations = pre.smt2();
    r.obligations.insert(r.obligations.end(), swapped.smt2.begin(), swapped.smt2.end());
    if (pdr)
        r.obligations.insert(r.obligations.end(), pdr->obligations.begin(), pdr->obligations.end());
}

// Why the one-unit proof of property k did not conclude, or empty.
std::string why_not_alone(const CheckResult& alone, size_t k, const CheckResult* pdr) {
    const PropertyResult& e = alone.properties[k];
    if (e.verdict == Verdict::Violated)
        return "one unit alone violates it in " + std::to_string(e.depth) +
               (e.depth == 1 ? " step" : " steps");
    if (!alone.stats.exhaustive || e.verdict != Verdict::Proved)
        return "the one-unit system was not searched exhaustively: " + e.reason;
    if (pdr && pdr->properties[k].verdict != Verdict::Proved)
        return "PDR did not prove it on one unit: " + pdr->properties[k].reason;
    return "";
}

} // namespace

std::string why_all_n_does_not_apply(const System& sys) {
    return alike_units(sys.scenario).why_not;
}

CheckResult check_all_n(const System& sys, const AllNOptions& opts) {
    const auto start = std::chrono::steady_clock::now();
    CheckResult out = CheckResult::open(Engine::AllN, opts.properties);
    auto finish = [&]() -> CheckResult& {
        out.stats.seconds = since(start);
        return out;
    };
    auto leave_open = [&](const std::string& why) {
        for (auto& r : out.properties)
            if (r.verdict != Verdict::Proved && r.reason.empty())
                r.reason = "all N: " + why;
    };
    if (const std::string why = why_all_n_does_not_apply(sys); !why.empty()) {
        leave_open("does not apply: " + why);
        return finish();
    }
    std::vector<size_t> split; // indices into out.properties
    for (size_t p = 0; p < out.properties.size(); ++p) {
        const std::string why = why_not_split(property_info(out.properties[p].property).expr);
        if (why.empty())
            split.push_back(p);
        else
            out.properties[p].reason = "all N: does not split unit by unit: " + why;
    }
    if (split.empty())
        return finish();

    std::vector<PropertyId> ids;
    for (size_t p : split)
        ids.push_back(out.properties[p].property);
    const SystemPremises pre = premises_of(sys, opts.limits, opts.emit_smt2);
    out.stats.solver_calls = pre.solver_calls();
    if (!pre.failure.empty()) {
        leave_open("not concluded: " + pre.failure);
        return finish();
    }
    const auto swapped =
        check_swapped_properties(sys, ids, opts.limits.after(since(start)), opts.emit_smt2);
    for (size_t p : split)
        if (const auto& sym = swapped.at(out.properties[p].property); !sym.failure.empty())
            out.properties[p].reason = "all N: not concluded: " + sym.failure;
    const System one = with_units(sys, 1);
    const CheckResult alone = check_explicit(
        one, ExplicitOptions{.properties = ids, .limits = opts.limits.after(since(start))});
    std::optional<CheckResult> pdr;
    if (opts.emit_smt2)
        pdr = check_pdr(one, PdrOptions{.properties = ids,
                                        .limits = opts.limits.after(since(start)),
                                        .emit_smt2 = true});
    out.stats.states = alone.stats.states;
    out.stats.transitions = alone.stats.transitions;
    out.stats.depth = alone.stats.depth;
    for (size_t k = 0; k < split.size(); ++k) {
        PropertyResult& r = out.properties[split[k]];
        if (!r.reason.empty()) // its own swap obligation failed
            continue;
        const std::string why = why_not_alone(alone, k, pdr ? &*pdr : nullptr);
        if (why.empty())
            prove_for_all_n(r, pre, swapped.at(r.property), alone,
                            pdr ? &pdr->properties[k] : nullptr);
        else
            r.reason = "all N: not concluded: " + why;
    }
    return finish();
}

} // namespace atscheck
