// Seeded random small systems for the differential tests: 1-3 devices (PFs,
// VFs, behind SMMUs with equal or different STUs, some ATS-required, some
// with PASIDs), 1-2 paging domains plus maybe an identity or blocked one, an
// SVA domain, an s2_parent with a nested child, every revision knob, lock,
// probe order, faults and environment (timing, third party and its STU,
// reset, release with a PASID), and in some single-function ones a seeded fault.
// Built as JSON and loaded through the real readers.
#pragma once

#include <random>

#include "checker/input/load.hpp"

namespace atscheck::test {

inline System random_system(uint32_t seed) {
    std::mt19937 rng(seed);
    auto pick = [&](std::initializer_list<const char*> options) {
        return *(options.begin() +
                 std::uniform_int_distribution<size_t>(0, options.size() - 1)(rng));
    };
    auto coin = [&](double p) { return std::bernoulli_distribution(p)(rng); };

    const nlohmann::json revision{
        {"name", "random-" + std::to_string(seed)},
        {"description", "random knobs"},
        {"sources", nlohmann::json::array()},
        {"ats_supported", pick({"own_cap", "pf_aware"})},
        {"prepare_vf", pick({"noop", "validate_stu"})},
        {"probe_prepare",
         pick({"all_ignore_result", "supported_ignore_result", "supported_fail_probe"})},
        {"enable_failure", pick({"dev_err", "warn", "rollback"})},
        {"ats_always_on", pick({"off", "rfc", "final"})}};

    nlohmann::json smmus = nlohmann::json::array({{{"name", "smmu0"}, {"stu", 12}}});
    const bool two_smmus = coin(0.3);
    if (two_smmus)
        smmus.push_back({{"name", "smmu1"}, {"stu", 13}});
    nlohmann::json devices = nlohmann::json::array();
    const int n = std::uniform_int_distribution<int>(1, 3)(rng);
    for (int d = 0; d < n; ++d) {
        nlohmann::json dev{{"name", "0000:01:00." + std::to_string(d)},
                           {"smmu", two_smmus && coin(0.5) ? "smmu1" : "smmu0"}};
        const std::string cap = pick({"true", "true", "false", "any"});
        dev["ats_cap"] = cap == "any" ? nlohmann::json("any") : nlohmann::json(cap == "true");
        if (coin(0.15))
            dev["untrusted"] = pick({"true", "any"}) == std::string("any") ? nlohmann::json("any")
                                                                           : nlohmann::json(true);
        const bool vf = d > 0 && coin(0.7);
        if (!vf && coin(0.3))
            dev["ats_required"] = true; // the PF's requirement (pci_physfn())
        if (vf)
            dev["pf"] = "0000:01:00.0";
        else if (n == 1 && coin(0.3))
            dev["pasid"] = true; // a PF or a lone function, never a VF
        devices.push_back(dev);
    }
    // Device 0 is never a VF, so every "pf" names a PF.
    nlohmann::json domains = nlohmann::json::array({{{"name", "dma0"}, {"kind", "paging"}}});
    if (coin(0.3))
        domains.push_back({{"name", "dma1"}, {"kind", "paging"}});
    bool blocked = false;
    if (coin(0.8)) {
        const std::string kind = pick({"blocked", "identity"});
        blocked = kind == "blocked";
        domains.push_back({{"name", "other"}, {"kind", kind}});
    }
    // The PASID and nested kinds only on one device: each multiplies the
    // states and the symbolic proofs' work, and the suite must stay short.
    if (n == 1 && coin(0.25))
        domains.push_back({{"name", "sva"}, {"kind", "sva"}});
    if (n == 1 && domains.size() <= 3 && coin(0.2)) {
        domains.push_back({{"name", "s2"}, {"kind", "s2_parent"}});
        domains.push_back({{"name", "nested"},
                           {"kind", "nested"},
                           {"parent", "s2"},
                           {"vste", pick({"s1_eats", "s1", "bypass", "abort"})}});
    }
    const bool reset = blocked && n == 1 && coin(0.3);
    // A reset with the quirk is where reset_blocks_ats fails: drawn together
    // more often, so that the campaign sees it.
    const bool quirk = coin(reset ? 0.6 : 0.2);
    const bool kernel = coin(0.6);
    // A kernel-timed quirk needs pf_first (the loader says why).
    const bool pf_first = (quirk && kernel) || coin(0.6);
    const nlohmann::json scenario{
        {"name", "random-" + std::to_string(seed)},
        {"description", "random topology"},
        {"smmus", smmus},
        {"devices", devices},
        {"domains", domains},
        {"lock", pick({"global", "global", "none"})},
        {"probe_order", pf_first ? "pf_first" : "late_smmu"},
        {"faults", {{"enable", pick({"none", "none", "injected"})}}},
        {"environment",
         {{"timing", kernel ? "kernel" : "adversarial"},
          {"third_party_enable", coin(0.25)},
          {"third_party_stu", pick({"12", "13"}) == std::string("12") ? 12 : 13},
          {"quirk_clear_ats_cap", quirk},
          {"reset", reset},
          {"release_with_pasid", coin(0.1)}}}};
    System sys{revision_from_json("random-revision", revision),
               scenario_from_json("random-scenario", scenario)};
    // One single-function system in two carries a seeded fault
    // (model/mutants.hpp): the engines must agree on it too, and it is how
    // the campaign sees a property no knob breaks (counters_nonnegative) fail
    // at all. One function only: a fault that leaks a counter grows it to the
    // byte's end, and with three functions that is millions of states.
    if (n == 1 && coin(0.5))
        sys.mutant =
            kMutants[std::uniform_int_distribution<size_t>(0, kMutants.size() - 1)(rng)].id;
    return sys;
}

} // namespace atscheck::test
