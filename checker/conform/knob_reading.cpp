#include "checker/conform/knob_reading.hpp"

#include <algorithm>

namespace atscheck {

namespace {

std::string knob_value(const SmmuKnobs& k, const std::string& knob) {
    if (knob == "probe_prepare")
        return to_string(k.probe_prepare);
    if (knob == "enable_failure")
        return to_string(k.enable_failure);
    return to_string(k.ats_always_on);
}

std::string listed(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values)
        out += (out.empty() ? "" : " or ") + v;
    return out;
}

void decide(KnobFinding& f, bool lockstep_ran) {
    const bool pattern_fits =
        f.pattern && std::count(f.behaviour.begin(), f.behaviour.end(), *f.pattern);
    if (!lockstep_ran || f.behaviour.empty()) {
        f.value = f.pattern;
        f.evidence =
            (lockstep_ran ? "no knob combination agrees on every replayed step" : "no lockstep") +
            std::string(f.pattern ? "; the pattern reading says " + *f.pattern
                                  : "; the pattern reading found nothing either");
        return;
    }
    if (f.behaviour.size() == 1) {
        f.value = f.behaviour.front();
        f.witnesses_disagree = f.pattern && !pattern_fits;
        f.evidence = "behaviour: every replayed step agrees only with " + *f.value +
                     (f.witnesses_disagree ? "; the pattern reading says " + *f.pattern +
                                                 ": the two witnesses disagree"
                      : pattern_fits ? "; the pattern reading agrees"
                                     : "; the pattern reading found nothing");
        return;
    }
    if (pattern_fits) {
        f.value = f.pattern;
        f.evidence = "behaviour agrees with " + listed(f.behaviour) +
                     " on the replayed scenarios; the pattern reading picks " + *f.pattern;
        return;
    }
    f.witnesses_disagree = f.pattern.has_value();
    f.evidence =
        "behaviour agrees with " + listed(f.behaviour) + " on the replayed scenarios" +
        (f.pattern ? "; the pattern reading says " + *f.pattern + ": the two witnesses disagree"
                   : " and the pattern reading found nothing: fill it in");
}

} // namespace

std::vector<KnobFinding> read_knobs_from_behaviour(const SmmuLockstep& lockstep,
                                                   const std::vector<RecognisedKnob>& patterns) {
    std::vector<KnobFinding> out;
    const auto agreeing = lockstep.agreeing();
    bool ran = lockstep.not_run.empty();
    for (const auto& p : patterns) {
        KnobFinding f{p.knob, {}, p.value, std::nullopt, "", false};
        for (const auto& k : agreeing) {
            const std::string v = knob_value(k, p.knob);
            if (!std::count(f.behaviour.begin(), f.behaviour.end(), v))
                f.behaviour.push_back(v);
        }
        decide(f, ran);
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace atscheck
