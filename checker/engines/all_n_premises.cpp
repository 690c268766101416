#include "checker/engines/all_n_premises.hpp"

#include <map>
#include <mutex>

#include "checker/engines/interchange.hpp"
#include "checker/engines/unit_obligations.hpp"
#include "checker/input/load.hpp"

namespace atscheck {

namespace {

SystemPremises compute(const System& sys, const RunLimits& limits, bool emit_smt2) {
    SystemPremises out;
    out.swaps = check_swapped_steps(sys, limits, emit_smt2);
    if (!out.swaps.failure.empty()) {
        out.failure = "the units are not interchangeable: " + out.swaps.failure;
        return out;
    }
    out.cutoff = unit_cutoff(sys);
    if (!out.cutoff.why_not.empty()) {
        out.failure = "no cutoff: " + out.cutoff.why_not;
        return out;
    }
    out.ni = check_non_interference(sys, out.cutoff.units, limits, emit_smt2);
    out.failure = out.ni.failure;
    return out;
}

std::string key_of(const System& sys) {
    return revision_to_json(sys.revision).dump() + scenario_to_json(sys.scenario).dump() +
           std::to_string(static_cast<int>(sys.mutant));
}

struct Kept {
    SystemPremises premises;
    bool with_smt2 = false;
};

} // namespace

std::vector<Smt2Obligation> SystemPremises::smt2() const {
    std::vector<Smt2Obligation> out = swaps.smt2;
    out.insert(out.end(), ni.smt2.begin(), ni.smt2.end());
    return out;
}

SystemPremises premises_of(const System& sys, const RunLimits& limits, bool emit_smt2) {
    static std::mutex mutex;
    static std::map<std::string, Kept> kept;
    const std::string key = key_of(sys);
    {
        const std::lock_guard<std::mutex> lock(mutex);
        const auto it = kept.find(key);
        if (it != kept.end() && (it->second.with_smt2 || !emit_smt2)) {
            SystemPremises again = it->second.premises;
            again.swaps.solver_calls = again.ni.solver_calls = 0; // none made this time
            return again;
        }
    }
    SystemPremises out = compute(sys, limits, emit_smt2);
    if (out.swaps.decided && out.ni.decided) {
        const std::lock_guard<std::mutex> lock(mutex);
        kept[key] = Kept{out, emit_smt2};
    }
    return out;
}

} // namespace atscheck
