// Candidate auxiliary invariants ("lemmas") that make the properties inductive,
// written once over the generic state like the properties. None is assumed:
// checker/engines/houdini.cpp keeps only the candidates that hold initially and are
// preserved by every transition together (for this revision and scenario), and
// the proofs then use those. A lemma that a revision breaks is simply dropped.
//
// Each states what the driver's bookkeeping means, after the code in
// model/smmu_driver.hpp and model/pci_ats.hpp:
// - arm_smmu_attach_prepare() adds the master to the new domain's devices list
//   and, when it predicts ATS, takes a reference on the domain's ATS
//   invalidation entry and bumps nr_ats_masters; arm_smmu_attach_commit() drops
//   the old domain's (by the old master->ats_enabled) and moves the master over.
// - pci_enable_ats()/pci_disable_ats() are called only from those two steps, so
//   pdev->ats_enabled follows master->ats_enabled unless something else fails.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/actions.hpp"

namespace atscheck {

enum class LemmaKind {
    UnprobedDetached,      // !probed => not attached, idle, driver ATS off, not always-on
    UnprobedAtsOff,        // !probed => pdev ATS off                          (per device)
    IdleHasNoPending,      // idle => no pending domain or ATS; prepared => probed, pending
    IdleDeviceFollows,     // probed && idle && pdev ATS, no third party => master ATS
    IdleDriverFollows,     // probed && idle && master ATS => pdev ATS         (per device)
    PreparedDeviceFollows, // prepared && pdev ATS => master ATS && pending ATS (per device)
    PreparedDriverFollows, // prepared && master ATS && pending ATS => pdev ATS (per device)
    PendingAtsSupported,   // prepared && pending ATS => pci_ats_supported()   (per device)
    AtsOnlyOnPaging,       // driver ATS (or pending ATS) => on a paging domain, or identity
                           // on an always-on master                           (per device)
    PagingPredictsAts,     // on (or pending to) such a domain && supported => (pending) ATS
    DeviceAtsSupported,    // pdev ATS => pci_ats_supported()                  (per device)
    VfStuMatchesPf,        // a probed, supported VF: its PF's ats_stu is its STU (per VF)
    DevicesCount, // devices entry == attached + pending attach       (per paging domain, device)
    AtsInvsCount, // ATS invs users == ATS-attached + pending with ATS (per paging domain, device)
    IdleAtsInvsFollowDevice, // idle => ATS invs users == (pdev ATS ? devices entry : 0)
                             //                                  (per paging domain, device)
    NrCountsAtsInvs,         // nr_ats_masters == sum of ATS invs users          (per paging domain)
    UntrackedUntouched,      // identity/blocked domains keep every counter at 0 (per other domain)
    OnePrepared,             // arm_smmu_asid_lock: at most one master prepared  (per device pair)
    VfAfterPf,               // probe_order pf_first: a probed VF has a probed PF (per VF)
    PfStuProgrammed,         // a probed, supported PF has its STU programmed    (per PF)
    ThirdPartyParked,        // tp_active => probed, idle, blocked, driver ATS off (per device)
    PasidDevicesCount,       // PASID entries == [the PASID is on D]  (per tracked domain, device)
    PasidInvsCount, // PASID ATS users == [on D with driver ATS] (per tracked domain, device)
    IdlePasidInvsFollowDevice, // idle => PASID ATS users == (pdev ATS ? PASID entries : 0)
    ResetParked,               // resetting => probed, idle; unless bypassed, on blocked, no PASID
    IdleNothingSaved,          // not resetting => nothing saved               (per device)
    AlwaysOnSet,      // a probed master of an ATS-required function is always-on (the knob on)
    PasidDomainValid, // the PASID is on none, or (PASID-capable) on paging or SVA, RID attached
    RidNotSva,        // the RID is never on, pending for or saved with an SVA domain
};

struct LemmaInstance {
    LemmaKind kind;
    int a = -1; // device (or the first device of a pair)
    int b = -1; // domain (or the second device of a pair)
};

// Every candidate the scenario has, in a fixed order.
std::vector<LemmaInstance> lemma_candidates(const System& sys);
// e.g. "idle_mirror[0000:01:00.1]" or "ats_invs_count[dma][0000:01:00.1]".
std::string lemma_name(const System& sys, const LemmaInstance& l);

// Whether master `m` is attached to, and whether its pending domain is, one
// that arm_smmu_attach_prepare() predicts ATS for (predicted_ats() in
// model/smmu_driver.hpp): a counted domain whose vSTE leaves ATS alone, or
// identity or blocked with cd_needs_ats.
template <class X, class M>
std::pair<typename X::Bool, typename X::Bool> paging_attachment(X& x, const System& sys,
                                                                const M& m) {
    auto on_paging = x.lit(false), pending_paging = x.lit(false);
    const auto ssids = m.pasid_domain != kNoDomain;
    for (int D = 0; D < sys.num_domains(); ++D) {
        const Domain& dom = sys.scenario.domains[D];
        auto ok = x.lit(dom.counted() && !dom.disable_ats());
        if (dom.kind == DomainKind::Identity)
            ok = ssids || m.always_on;
        else if (dom.kind == DomainKind::Blocked)
            ok = ssids;
        on_paging = on_paging || (ok && m.domain == D);
        pending_paging = pending_paging || (ok && m.pending_domain == D);
    }
    return {on_paging, pending_paging};
}

// 1 when master m is attached (or pending) to a domain whose counters are D's.
template <class X, class M>
typename X::Int rid_entries(X& x, const System& sys, const M& m, int D, bool with_ats) {
    auto n = x.num(0);
    for (int E = 0; E < sys.num_domains(); ++E) {
        if (!sys.scenario.domains[E].counted() || sys.scenario.counted_at(E) != D)
            continue;
        n = n +
            x.ite(m.domain == E && (with_ats ? m.ats_enabled : x.lit(true)), x.num(1), x.num(0));
        n = n +
            x.ite(m.prepared && m.pending_domain == E && (with_ats ? m.pending_ats : x.lit(true)),
                  x.num(1), x.num(0));
    }
    return n;
}

template <class X> typename X::Bool lemma_holds(X& x, const System& sys, const LemmaInstance& l) {
    const auto& s = x.s;
    auto one_if = [&](const auto& c) { return x.ite(c, x.num(1), x.num(0)); };
    switch (l.kind) {
    case LemmaKind::UnprobedDetached: {
        const auto& m = s.master[l.a];
        return m.probed || (m.domain == kNoDomain && !m.prepared && !m.ats_enabled && !m.always_on);
    }
    case LemmaKind::UnprobedAtsOff:
        return s.master[l.a].probed || !s.pdev[l.a].ats_enabled;
    case LemmaKind::IdleHasNoPending: { // and a prepared master has somewhere to go
        const auto& m = s.master[l.a];
        return (!m.prepared || (m.probed && m.pending_domain != kNoDomain)) &&
               (m.prepared || (m.pending_domain == kNoDomain && !m.pending_ats));
    }
    // The two directions are separate candidates: an enable failure breaks only
    // "driver follows", a third party's enable only "device follows".
    case LemmaKind::IdleDeviceFollows: {
        const auto& m = s.master[l.a];
        return !(m.probed && !m.prepared && s.pdev[l.a].ats_enabled && !s.pdev[l.a].tp_active) ||
               m.ats_enabled;
    }
    case LemmaKind::IdleDriverFollows: {
        const auto& m = s.master[l.a];
        return !(m.probed && !m.prepared && m.ats_enabled) || s.pdev[l.a].ats_enabled;
    }
    case LemmaKind::PreparedDeviceFollows: {
        const auto& m = s.master[l.a];
        return !(m.prepared && s.pdev[l.a].ats_enabled) || (m.ats_enabled && m.pending_ats);
    }
    case LemmaKind::PreparedDriverFollows: {
        const auto& m = s.master[l.a];
        return !(m.prepared && m.ats_enabled && m.pending_ats) || s.pdev[l.a].ats_enabled;
    }
    case LemmaKind::PendingAtsSupported: {
        const auto& m = s.master[l.a];
        return !(m.prepared && m.pending_ats) || pci_ats_supported(x, sys, l.a);
    }
    case LemmaKind::AtsOnlyOnPaging: {
        // attach_prepare predicts ATS for paging domains only.
        const auto& m = s.master[l.a];
        const auto [on_paging, pending_paging] = paging_attachment(x, sys, m);
        return (!m.ats_enabled || on_paging) && (!m.pending_ats || pending_paging);
    }
    case LemmaKind::PagingPredictsAts: {
        // attach_prepare sets pending ATS = pci_ats_supported() for a paging
        // domain, and attach_commit copies it; only a quirk changes support.
        const auto& m = s.master[l.a];
        const auto [on_paging, pending_paging] = paging_attachment(x, sys, m);
        const auto supported = pci_ats_supported(x, sys, l.a);
        // A PASID keeps ATS on for the function while supported (arm_smmu_set_pasid).
        const auto pasid = m.pasid_domain != kNoDomain;
        return (!((on_paging || pasid) && supported) || m.ats_enabled) &&
               (!(m.prepared && pending_paging && supported) || m.pending_ats);
    }
    case LemmaKind::DeviceAtsSupported: // pci_enable_ats() succeeds only on supported devices
        return !s.pdev[l.a].ats_enabled || pci_ats_supported(x, sys, l.a);
    case LemmaKind::VfStuMatchesPf: {
        const Device& dev = sys.scenario.devices[l.a];
        return !(s.master[l.a].probed && pci_ats_supported(x, sys, l.a)) ||
               s.pdev[*dev.pf].ats_stu == dev.stu;
    }
    case LemmaKind::DevicesCount:
        return s.domain[l.b].devices[l.a] == rid_entries(x, sys, s.master[l.a], l.b, false);
    case LemmaKind::AtsInvsCount:
        return s.domain[l.b].ats_invs[l.a] == rid_entries(x, sys, s.master[l.a], l.b, true);
    case LemmaKind::PasidDevicesCount:
        return s.domain[l.b].pasid_devices[l.a] == one_if(s.master[l.a].pasid_domain == l.b);
    case LemmaKind::PasidInvsCount: {
        const auto& m = s.master[l.a];
        return s.domain[l.b].pasid_invs[l.a] == one_if(m.pasid_domain == l.b && m.ats_enabled);
    }
    case LemmaKind::IdlePasidInvsFollowDevice: {
        const auto& dom = s.domain[l.b];
        return s.master[l.a].prepared ||
               dom.pasid_invs[l.a] ==
                   x.ite(s.pdev[l.a].ats_enabled, dom.pasid_devices[l.a], x.num(0));
    }
    case LemmaKind::ResetParked: {
        // pci_dev_reset_iommu_prepare() either returned early (nothing saved)
        // or blocked the RID and every PASID, saving where they were.
        const auto& m = s.master[l.a];
        auto saved_pasid_ok = m.saved_pasid == kNoDomain;
        auto saved_rid_ok = x.lit(false);
        for (int D = 0; D < sys.num_domains(); ++D) {
            const Domain& dom = sys.scenario.domains[D];
            if (pasid_capable_domain(dom) && sys.scenario.devices[l.a].pasid)
                saved_pasid_ok = saved_pasid_ok || m.saved_pasid == D;
            if (dom.kind != DomainKind::Sva)
                saved_rid_ok = saved_rid_ok || m.saved_domain == D;
        }
        const auto bypassed = m.saved_domain == kNoDomain && m.saved_pasid == kNoDomain;
        const auto blocked = saved_rid_ok && saved_pasid_ok && guards::on_blocked(x, sys, l.a) &&
                             m.pasid_domain == kNoDomain;
        return !m.resetting || (m.probed && !m.prepared && (bypassed || blocked));
    }
    case LemmaKind::AlwaysOnSet: { // arm_smmu_master_prepare_ats() at probe
        const auto& m = s.master[l.a];
        if (sys.revision.ats_always_on == AtsAlwaysOn::Off)
            return !m.always_on;
        return !(m.probed && pci_ats_required(x, sys, l.a)) || m.always_on;
    }
    case LemmaKind::PasidDomainValid: {
        const auto& m = s.master[l.a];
        // arm_smmu_set_pasid() needs the RID attached (model/actions.hpp).
        auto on = x.lit(false);
        if (sys.scenario.devices[l.a].pasid)
            for (int D = 0; D < sys.num_domains(); ++D)
                if (pasid_capable_domain(sys.scenario.domains[D]))
                    on = on || m.pasid_domain == D;
        return m.pasid_domain == kNoDomain || (on && m.probed && m.domain != kNoDomain);
    }
    case LemmaKind::RidNotSva: {
        // An SVA domain reaches a device only through set_dev_pasid
        // (iommu_sva_bind_device), never attach_dev (model/actions.cpp): without
        // this, a counterexample to induction starts from an SVA RID and cascades
        // through Houdini (reset-pasid dropped 25 lemmas).
        const auto& m = s.master[l.a];
        auto ok = x.lit(true);
        for (int D = 0; D < sys.num_domains(); ++D)
            if (sys.scenario.domains[D].kind == DomainKind::Sva)
                ok = ok && m.domain != D && m.pending_domain != D && m.saved_domain != D;
        return ok;
    }
    case LemmaKind::IdleNothingSaved: {
        const auto& m = s.master[l.a];
        return m.resetting || (m.saved_domain == kNoDomain && m.saved_pasid == kNoDomain);
    }
    case LemmaKind::IdleAtsInvsFollowDevice: {
        // Follows from the per-device lemmas, but states nr_ats_masters_consistent's
        // sum term by term: with it, the solver equates the two sums by linear
        // arithmetic instead of splitting on every device's ATS state (which
        // grew 5x per PF/VF pair).
        const auto& dom = s.domain[l.b];
        return s.master[l.a].prepared ||
               dom.ats_invs[l.a] == x.ite(s.pdev[l.a].ats_enabled, dom.devices[l.a], x.num(0));
    }
    case LemmaKind::NrCountsAtsInvs: {
        const auto& dom = s.domain[l.b];
        auto sum = x.num(0);
        for (int d = 0; d < sys.num_devices(); ++d)
            sum = sum + dom.ats_invs[d] + dom.pasid_invs[d];
        return dom.nr_ats_masters == sum;
    }
    case LemmaKind::UntrackedUntouched: {
        const auto& dom = s.domain[l.b];
        auto zero = dom.nr_ats_masters == 0;
        for (int d = 0; d < sys.num_devices(); ++d)
            zero = zero && dom.devices[d] == 0 && dom.ats_invs[d] == 0 &&
                   dom.pasid_devices[d] == 0 && dom.pasid_invs[d] == 0;
        return zero;
    }
    case LemmaKind::OnePrepared:
        return !(s.master[l.a].prepared && s.master[l.b].prepared);
    case LemmaKind::VfAfterPf:
        return !s.master[l.a].probed || s.master[*sys.scenario.devices[l.a].pf].probed;
    case LemmaKind::PfStuProgrammed:
        return !(s.master[l.a].probed && pci_ats_supported(x, sys, l.a)) ||
               s.pdev[l.a].ats_stu == sys.scenario.devices[l.a].stu;
    case LemmaKind::ThirdPartyParked: {
        const auto& m = s.master[l.a];
        return !s.pdev[l.a].tp_active ||
               (m.probed && !m.prepared && !m.ats_enabled && guards::on_blocked(x, sys, l.a));
    }
    }
    return x.lit(false);
}

} // namespace atscheck
