#include "properties/lemmas.hpp"

#include "model/enum_table.hpp"

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
        const Device& dev = sys.scenario.devices[d];
        if (dev.is_vf())
            out.push_back({LemmaKind::VfStuMatchesPf, d});
        if (dev.is_vf() && sys.scenario.pf_first())
            out.push_back({LemmaKind::VfAfterPf, d});
        if (!dev.is_vf())
            out.push_back({LemmaKind::PfStuProgrammed, d});
        if (sys.scenario.third_party_enable && sys.scenario.kernel_timed())
            out.push_back({LemmaKind::ThirdPartyParked, d});
        out.push_back({LemmaKind::AlwaysOnSet, d});
        out.push_back({LemmaKind::PasidDomainValid, d});
        out.push_back({LemmaKind::RidNotSva, d});
        if (sys.scenario.reset) {
            out.push_back({LemmaKind::ResetParked, d});
            out.push_back({LemmaKind::IdleNothingSaved, d});
        }
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
            out.push_back({LemmaKind::PasidDevicesCount, d, D});
            out.push_back({LemmaKind::PasidInvsCount, d, D});
            out.push_back({LemmaKind::IdlePasidInvsFollowDevice, d, D});
        }
        out.push_back({LemmaKind::NrCountsAtsInvs, -1, D});
    }
    if (sys.scenario.lock == LockDiscipline::Global)
        for (int d = 0; d < n; ++d)
            for (int e = d + 1; e < n; ++e)
                out.push_back({LemmaKind::OnePrepared, d, e});
    return out;
}

namespace {

struct LemmaName {
    LemmaKind kind;
    const char* name; // user-visible: proofs list the lemmas they rely on
};

constexpr LemmaName kLemmaNames[] = {
    {LemmaKind::UnprobedDetached, "unprobed_detached"},
    {LemmaKind::UnprobedAtsOff, "unprobed_ats_off"},
    {LemmaKind::IdleHasNoPending, "idle_has_no_pending"},
    {LemmaKind::IdleDeviceFollows, "idle_device_follows"},
    {LemmaKind::IdleDriverFollows, "idle_driver_follows"},
    {LemmaKind::PreparedDeviceFollows, "prepared_device_follows"},
    {LemmaKind::PreparedDriverFollows, "prepared_driver_follows"},
    {LemmaKind::PendingAtsSupported, "pending_ats_supported"},
    {LemmaKind::AtsOnlyOnPaging, "ats_only_on_paging"},
    {LemmaKind::PagingPredictsAts, "paging_predicts_ats"},
    {LemmaKind::DeviceAtsSupported, "device_ats_supported"},
    {LemmaKind::VfStuMatchesPf, "vf_stu_matches_pf"},
    {LemmaKind::DevicesCount, "devices_count"},
    {LemmaKind::AtsInvsCount, "ats_invs_count"},
    {LemmaKind::IdleAtsInvsFollowDevice, "idle_ats_invs_follow_device"},
    {LemmaKind::NrCountsAtsInvs, "nr_counts_ats_invs"},
    {LemmaKind::UntrackedUntouched, "untracked_untouched"},
    {LemmaKind::OnePrepared, "one_prepared"},
    {LemmaKind::VfAfterPf, "vf_after_pf"},
    {LemmaKind::PfStuProgrammed, "pf_stu_programmed"},
    {LemmaKind::ThirdPartyParked, "third_party_parked"},
    {LemmaKind::PasidDevicesCount, "pasid_devices_count"},
    {LemmaKind::PasidInvsCount, "pasid_invs_count"},
    {LemmaKind::IdlePasidInvsFollowDevice, "idle_pasid_invs_follow_device"},
    {LemmaKind::ResetParked, "reset_parked"},
    {LemmaKind::IdleNothingSaved, "idle_nothing_saved"},
    {LemmaKind::AlwaysOnSet, "always_on_set"},
    {LemmaKind::PasidDomainValid, "pasid_domain_valid"},
    {LemmaKind::RidNotSva, "rid_not_sva"},
};

static_assert(in_enum_order(kLemmaNames, [](const LemmaName& l) { return l.kind; }) &&
                  std::size(kLemmaNames) == static_cast<size_t>(LemmaKind::RidNotSva) + 1,
              "kLemmaNames must name every lemma kind, in enum order");

} // namespace

std::string lemma_name(const System& sys, const LemmaInstance& l) {
    std::string out = kLemmaNames[static_cast<size_t>(l.kind)].name;
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
