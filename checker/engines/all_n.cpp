#include "checker/engines/all_n.hpp"

#include <chrono>
#include <optional>

#include "checker/engines/cutoff.hpp"
#include "checker/engines/explicit_engine.hpp"
#include "checker/engines/interchange.hpp"
#include "checker/engines/pdr_engine.hpp"
#include "checker/engines/unit_obligations.hpp"
#include "checker/engines/units.hpp"
#include "properties/decompose.hpp"
#include "properties/properties.hpp"

namespace atscheck {

namespace {

double since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// The premises and obligations every proof for all N of the scenario shares.
struct Premises {
    Interchange swaps;
    Cutoff cutoff;
    ObligationSet ni;

    std::string evidence(const CheckResult& alone, bool pdr) const {
        const int folds = cutoff.folds;
        return "unit decomposition: " + std::to_string(swaps.steps.checked) +
               " interchangeability obligations (swaps of three units), " +
               std::to_string(ni.checked) + " non-interference obligations (" +
               std::to_string(cutoff.units) + " units against one; the first unit's actions read " +
               std::to_string(folds) + (folds == 1 ? " fact" : " facts") +
               " of other units); the one-unit system: exhaustive search, " +
               std::to_string(alone.stats.states) + " states" +
               (pdr ? ", and PDR's invariant" : "");
    }
};

// The evidence of a proof for all N, and the SMT-LIB obligations behind it.
void prove_for_all_n(PropertyResult& r, const Premises& pre, const CheckResult& alone,
                     const PropertyResult* pdr) {
    r.verdict = Verdict::Proved;
    r.all_n = true;
    r.method = result_name(Engine::AllN);
    r.evidence = pre.evidence(alone, pdr != nullptr);
    for (const auto* part :
         {&pre.swaps.steps.smt2, &pre.swaps.properties.at(r.property).smt2, &pre.ni.smt2})
        r.obligations.insert(r.obligations.end(), part->begin(), part->end());
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
    Premises pre{check_interchange(sys, ids, opts.limits, opts.emit_smt2), {}, {}};
    out.stats.solver_calls = pre.swaps.steps.solver_calls;
    if (!pre.swaps.steps.failure.empty()) {
        leave_open("not concluded: the units are not interchangeable: " + pre.swaps.steps.failure);
        return finish();
    }
    for (size_t p : split)
        if (const auto& sym = pre.swaps.properties.at(out.properties[p].property);
            !sym.failure.empty())
            out.properties[p].reason = "all N: not concluded: " + sym.failure;
    pre.cutoff = unit_cutoff(sys);
    if (!pre.cutoff.why_not.empty()) {
        leave_open("not concluded: no cutoff: " + pre.cutoff.why_not);
        return finish();
    }
    pre.ni = check_non_interference(sys, pre.cutoff.units, opts.limits.after(since(start)),
                                    opts.emit_smt2);
    out.stats.solver_calls += pre.ni.solver_calls;
    if (!pre.ni.failure.empty()) {
        leave_open("not concluded: " + pre.ni.failure);
        return finish();
    }
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
            prove_for_all_n(r, pre, alone, pdr ? &pdr->properties[k] : nullptr);
        else
            r.reason = "all N: not concluded: " + why;
    }
    return finish();
}

} // namespace atscheck
