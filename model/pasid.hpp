// PASID and SVA attachments (model-spec-2 B2) and the IOMMU core's reset
// helpers (B4), generic over the execution context X like model/pci_ats.hpp.
// One PASID per master (SSID 1) suffices: every rule is per (master, domain,
// SSID) entry except arm_smmu_ssids_in_use(), which only tells 0 from >= 1 [I].
#pragma once

#include "model/smmu_driver.hpp"

namespace atscheck {

// arm_smmu_s1_set_dev_pasid() / arm_smmu_sva_set_dev_pasid() ->
// arm_smmu_set_pasid(): prepare, write the CD, arm_smmu_update_ste() (the
// RID's STE takes EATS from the PASID's need), commit: one step [S].
template <class X> void arm_smmu_set_pasid(X& x, const System& sys, int d, int D) {
    const bool sva = sys.scenario.domains[D].kind == DomainKind::Sva;
    auto entry = x.enter(sva ? &kfn::arm_smmu_sva_set_dev_pasid : &kfn::arm_smmu_s1_set_dev_pasid);
    auto frame = x.enter(&kfn::arm_smmu_set_pasid);
    auto& m = x.s.master[d];
    auto& dom = x.s.domain[D];
    // arm_smmu_attach_prepare() for the PASID: no disable_ats, a tracked domain.
    m.pending_ats = x.branch(Branch::PasidPredictsAts, arm_smmu_ats_supported(x, sys, d));
    dom.pasid_devices[d] = dom.pasid_devices[d] + 1;
    x.when(m.pending_ats, [&] {
        dom.nr_ats_masters = dom.nr_ats_masters + 1;
        dom.pasid_invs[d] = dom.pasid_invs[d] + 1;
    });
    // Without ATS for the PASID, ATS goes off for the whole function.
    x.when(x.branch(Branch::PasidDisablesAts, !m.pending_ats && m.ats_enabled),
           [&] { pci_disable_ats(x, sys, d); });
    x.when(m.pending_ats && !m.ats_enabled, [&] {
        arm_smmu_enable_ats(x, sys, d, [&] { // the rollback takes back the PASID's count
            dom.nr_ats_masters = dom.nr_ats_masters - 1;
            dom.pasid_invs[d] = dom.pasid_invs[d] - 1;
            m.pending_ats = x.lit(false);
        });
    });
    m.ats_enabled = m.pending_ats;
    m.pending_ats = x.lit(false);
    m.pasid_domain = x.num(D);
    note_iommu_op(x, sys, d);
}

// Whether the last-SSID downgrade re-attaches sid_domain E (model-spec-2 B1):
// before ats_always_on always (identity or blocked); in the RFC only for a
// master that is not always-on [S: RFC]; as merged also when E is blocked [M: v5].
template <class X> typename X::Bool downgrade_allowed(X& x, const System& sys, int d, int E) {
    const auto& m = x.s.master[d];
    switch (sys.revision.ats_always_on) {
    case AtsAlwaysOn::Off:
        return x.lit(true);
    case AtsAlwaysOn::Rfc:
        return !m.always_on;
    case AtsAlwaysOn::Final:
        return !m.always_on || x.lit(sys.scenario.domains[E].kind == DomainKind::Blocked);
    }
    return x.lit(true);
}

// arm_smmu_blocking_set_dev_pasid(): no attach_prepare for the PASID; its
// entry leaves the domain, unreffed by the *current* master->ats_enabled,
// which stays as it is. Once no SSID is in use, the RID's identity or blocked
// domain (iommu_driver_get_domain_for_dev) is re-attached to drop the
// CD-table STE [S]. One step: between the two only other masters' whole
// attaches fit, and their state is disjoint [I].
template <class X> void arm_smmu_blocking_set_dev_pasid(X& x, const System& sys, int d) {
    auto frame = x.enter(&kfn::arm_smmu_blocking_set_dev_pasid);
    auto& m = x.s.master[d];
    for (int D = 0; D < sys.num_domains(); ++D) {
        if (!pasid_capable_domain(sys.scenario.domains[D]))
            continue;
        auto& dom = x.s.domain[D];
        x.when(m.pasid_domain == D, [&] {
            dom.pasid_devices[d] = dom.pasid_devices[d] - 1;
            auto had_ats =
                sys.mutated(Mutant::PasidDetachAlwaysDecrements) ? x.lit(true) : m.ats_enabled;
            x.when(x.branch(Branch::PasidDetachHadAts, had_ats), [&] {
                dom.nr_ats_masters = dom.nr_ats_masters - 1;
                dom.pasid_invs[d] = dom.pasid_invs[d] - 1;
            });
        });
    }
    m.pasid_domain = x.num(kNoDomain);
    for (int E = 0; E < sys.num_domains(); ++E) {
        const DomainKind k = sys.scenario.domains[E].kind;
        if (k != DomainKind::Identity && k != DomainKind::Blocked)
            continue;
        x.when(
            x.branch(Branch::LastSsidDowngrade, m.domain == E && downgrade_allowed(x, sys, d, E)),
            [&] { internal_attach(x, sys, d, E); });
    }
}

// pci_dev_reset_iommu_prepare() (7.0-stable): a function without ATS support
// returns 0 at once (and is not blocked) [S]. Otherwise the core saves the
// domains, attaches its blocked domain to the RID unless already there (ATS
// kept while an SSID is in use), sets gdev->blocked, then blocks each PASID
// (58556320100 sets gdev->blocked before the PASID loop [S]).
template <class X> void pci_dev_reset_iommu_prepare(X& x, const System& sys, int d) {
    auto frame = x.enter(&kfn::pci_dev_reset_iommu_prepare);
    auto& m = x.s.master[d];
    m.resetting = x.lit(true);
    note_iommu_op(x, sys, d);
    const int B = blocked_domain(sys);
    x.when(x.branch(Branch::ResetPrepareSupported, pci_ats_supported(x, sys, d)), [&] {
        m.saved_domain = m.domain;
        m.saved_pasid = m.pasid_domain;
        if (!sys.mutated(Mutant::ResetSkipsBlockedAttach))
            x.when(m.domain != B, [&] { internal_attach(x, sys, d, B); });
        x.when(ssids_in_use(x, d), [&] { arm_smmu_blocking_set_dev_pasid(x, sys, d); });
    });
}

// pci_dev_reset_iommu_done(): unless the prepare returned early, re-attach
// the saved RID domain (unless it was blocked), then the saved PASID.
// pci_restore_ats_state() afterwards only rewrites the Enable bit from
// pdev->ats_enabled, so it changes no modelled state [S].
template <class X> void pci_dev_reset_iommu_done(X& x, const System& sys, int d) {
    auto frame = x.enter(&kfn::pci_dev_reset_iommu_done);
    auto& m = x.s.master[d];
    for (int E = 0; E < sys.num_domains(); ++E) {
        const DomainKind k = sys.scenario.domains[E].kind;
        if (k != DomainKind::Blocked && k != DomainKind::Sva)
            x.when(m.saved_domain == E, [&] { internal_attach(x, sys, d, E); });
    }
    for (int D = 0; D < sys.num_domains(); ++D)
        if (pasid_capable_domain(sys.scenario.domains[D]))
            x.when(m.saved_pasid == D, [&] { arm_smmu_set_pasid(x, sys, d, D); });
    m.resetting = x.lit(false);
    m.saved_domain = x.num(kNoDomain);
    m.saved_pasid = x.num(kNoDomain);
}

} // namespace atscheck
