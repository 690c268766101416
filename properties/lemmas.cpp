#include "properties/lemmas.hpp"

namespace atscheck {

std::vector<LemmaInstance> lemma_candidates(const System& sys) {
    std::vector<LemmaInstance> out;
    const int n = sys.num_devices();
    for (int d = 0; d < n; ++d) {
        for (LemmaKind k :
             {LemmaKind::UnprobedDetached, LemmaKind::UnprobedAtsOff, LemmaKind::IdleHasNoPending,
              LemmaKind::IdleDeviceFollows, LemmaKind::IdleDriverFollows,
              LemmaKind::PreparedDeviceFollows, LemmaKind::PreparedDriverFollows,
              LemmaKind::PendingAtsSupported, LemmaKind::AtsOnlyOnPaging,
              LemmaKind::PagingPredictsAts, LemmaKind::DeviceAtsSupported})
            out.push_back({k, d});
        if (sys.scenario.devices[d].is_vf())
            out.push_back({LemmaKind::VfStuMatchesPf, d});
    }
    for (int D = 0; D < sys.num_domains(); ++D) {
        if (!sys.scenario.domains[D].tracked()) {
            out.push_back({LemmaKind::UntrackedUntouched, -1, D});
            continue;
        }
        for (int d = 0; d < n; ++d) {
            out.push_back({LemmaKind::DevicesCount, d, D});
            out.push_back({LemmaKind::AtsInvsCount, d, D});
            out.push_back({LemmaKind::IdleAtsInvsFollowDevice, d, D});
        }
        out.push_back({LemmaKind::NrCountsAtsInvs, -1, D});
    }
    if (sys.scenario.lock == LockDiscipline::Global)
        for (int d = 0; d < n; ++d)
            for (int e = d + 1; e < n; ++e)
                out.push_back({LemmaKind::OnePrepared, d, e});
    return out;
}

std::string lemma_name(const System& sys, const LemmaInstance& l) {
    static const char* const names[] = {
        "unprobed_detached",       "unprobed_ats_off",      "idle_has_no_pending",
        "idle_device_follows",     "idle_driver_follows",   "prepared_device_follows",
        "prepared_driver_follows", "pending_ats_supported", "ats_only_on_paging",
        "paging_predicts_ats",     "device_ats_supported",  "vf_stu_matches_pf",
        "devices_count",           "ats_invs_count",        "idle_ats_invs_follow_device",
        "nr_counts_ats_invs",      "untracked_untouched",   "one_prepared"};
    std::string out = names[static_cast<int>(l.kind)];
    const auto& sc = sys.scenario;
    if (l.kind == LemmaKind::OnePrepared)
        return out + "[" + sc.devices[l.a].name + "][" + sc.devices[l.b].name + "]";
    if (l.b >= 0)
        out += "[" + sc.domains[l.b].name + "]";
    if (l.a >= 0)
        out += "[" + sc.devices[l.a].name + "]";
    return out;
}

} // namespace atscheck
