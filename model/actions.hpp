// The actions of model-spec section 3: one atomic step each. An action instance
// fixes its concrete arguments (device, domain); the symbolic transition relation
// is the disjunction over instances, the explicit engine tries each in turn.
#pragma once

#include <string>
#include <vector>

#include "model/environment.hpp"
#include "model/pasid.hpp"

namespace atscheck {

enum class ActionKind {
    Probe,
    AttachPrepare,
    AttachCommit,
    Release,
    ThirdPartyEnable,
    ThirdPartyDisable,
    QuirkClearAtsCap,
    PasidAttach,
    PasidDetach,
    ResetPrepare,
    ResetDone,
};

const char* action_name(ActionKind k);
bool parse_action_name(const std::string& name, ActionKind& out);

struct ActionInstance {
    ActionKind kind;
    int device;
    int domain = kNoDomain; // only attach_prepare and pasid_attach have one
};

// Every action instance the scenario allows, in a fixed order (the step input).
std::vector<ActionInstance> action_instances(const System& sys);

// The trace label, e.g. attach_prepare(0000:01:00.1, dma).
std::string action_label(const System& sys, const ActionInstance& a);

namespace guards {

// arm_smmu_asid_lock is held from prepare to commit: no other master mid-attach.
template <class X> typename X::Bool lock_free(X& x, const System& sys, int d) {
    auto ok = x.lit(true);
    if (sys.scenario.lock == LockDiscipline::Global)
        for (int o = 0; o < sys.num_devices(); ++o)
            if (o != d)
                ok = ok && !x.s.master[o].prepared;
    return ok;
}

// pf_first (model-spec-2 A1): no VF of d is probed [I: a PF driver that
// disables SR-IOV removes its VFs first].
template <class X> typename X::Bool no_vf_probed(X& x, const System& sys, int d) {
    auto ok = x.lit(true);
    for (int v = 0; v < sys.num_devices(); ++v)
        if (sys.scenario.devices[v].pf == d)
            ok = ok && !x.s.master[v].probed;
    return ok;
}

// master d's STE points at a blocked domain.
template <class X> typename X::Bool on_blocked(X& x, const System& sys, int d) {
    auto on = x.lit(false);
    for (int D = 0; D < sys.num_domains(); ++D)
        if (sys.scenario.domains[D].kind == DomainKind::Blocked)
            on = on || x.s.master[d].domain == D;
    return on;
}

// probe(d): under pf_first a VF appears once its PF's driver is bound, so the
// PF is probed and attached to its default domain [I].
template <class X> typename X::Bool probe(X& x, const System& sys, int d) {
    auto ok = !x.s.master[d].probed;
    const auto& pf = sys.scenario.devices[d].pf;
    if (sys.scenario.pf_first() && pf)
        ok = ok && x.s.master[*pf].probed && x.s.master[*pf].domain != kNoDomain;
    return ok;
}

// Neither a third party (A2 [I]) nor a reset (recovery_cnt: -EBUSY [S]) holds d.
template <class X> typename X::Bool core_free(X& x, int d) {
    return !x.s.pdev[d].tp_active && !x.s.master[d].resetting;
}

// attach_prepare(d, D): the IOMMU core returns early when the group is
// already attached to D. A nested or s2_parent domain is -EBUSY while SSIDs
// are in use (arm_smmu_attach_dev_nested, arm_smmu_attach_dev [S]).
template <class X> typename X::Bool attach(X& x, const System& sys, int d, int D) {
    const auto& m = x.s.master[d];
    auto ok = m.probed && !m.prepared && m.domain != D && core_free(x, d) && lock_free(x, sys, d);
    const DomainKind k = sys.scenario.domains[D].kind;
    if (k == DomainKind::Nested || k == DomainKind::S2Parent)
        ok = ok && !ssids_in_use(x, d);
    return ok;
}

// pasid_attach(d, D): arm_smmu_set_pasid() needs the RID's CD table in the
// STE (S1 paging) or an identity/blocked RID that can switch to one; a nested
// or s2_parent RID is -EINVAL [S].
template <class X> typename X::Bool pasid_attach(X& x, const System& sys, int d) {
    const auto& m = x.s.master[d];
    auto rid_ok = x.lit(false);
    for (int D = 0; D < sys.num_domains(); ++D) {
        const DomainKind k = sys.scenario.domains[D].kind;
        if (k == DomainKind::Paging || k == DomainKind::Identity || k == DomainKind::Blocked)
            rid_ok = rid_ok || m.domain == D;
    }
    return m.probed && !m.prepared && !ssids_in_use(x, d) && rid_ok && core_free(x, d) &&
           lock_free(x, sys, d);
}

// pasid_detach(d): iommu_detach_device_pasid() of the one PASID.
template <class X> typename X::Bool pasid_detach(X& x, const System& sys, int d) {
    return ssids_in_use(x, d) && !x.s.master[d].prepared && core_free(x, d) && lock_free(x, sys, d);
}

// reset_prepare(d): pci_dev_reset_iommu_prepare() on an attached, idle master.
template <class X> typename X::Bool reset_prepare(X& x, const System& sys, int d) {
    const auto& m = x.s.master[d];
    return m.probed && !m.prepared && m.domain != kNoDomain && core_free(x, d) &&
           lock_free(x, sys, d);
}

// release(d): iommu_deinit_device() attaches the blocked release_domain first.
// A PASID must be gone first unless the scenario lets release run with one
// (release_with_pasid, hypothetical [I]).
template <class X> typename X::Bool release(X& x, const System& sys, int d) {
    const auto& m = x.s.master[d];
    auto ok = m.probed && !m.prepared && (m.domain == kNoDomain || on_blocked(x, sys, d)) &&
              core_free(x, d);
    if (!sys.scenario.release_with_pasid)
        ok = ok && !ssids_in_use(x, d);
    if (sys.scenario.pf_first())
        ok = ok && no_vf_probed(x, sys, d);
    return ok;
}

// third_party_enable(d). adversarial: any time, but a caller that enables
// twice is its own bug, not the driver's. kernel (model-spec-2 A2):
// iommu_physical_regime_enter returns unless pci_ats_required(); the IOMMU
// driver blocks the device in the regime [S: the helpers' comments].
template <class X> typename X::Bool third_party_enable(X& x, const System& sys, int d) {
    if (!sys.scenario.kernel_timed())
        return !x.s.pdev[d].ats_enabled;
    const auto& m = x.s.master[d];
    return pci_ats_required(x, sys, d) && core_free(x, d) && m.probed && !m.prepared &&
           on_blocked(x, sys, d) && !ssids_in_use(x, d);
}

// quirk_clear_ats_cap(d). adversarial: any time. kernel: the FINAL fixup in
// pci_bus_add_device(), after the IOMMU probe and the default-domain attach
// (ops == 1) and before the driver binds (so no VF yet) [M: closed by
// D. Matlack's pending patch].
template <class X> typename X::Bool quirk(X& x, const System& sys, int d) {
    auto ok = x.s.pdev[d].ats_cap;
    if (!sys.scenario.kernel_timed())
        return ok;
    const auto& m = x.s.master[d];
    return ok && m.probed && !m.prepared && m.ops == 1 && no_vf_probed(x, sys, d) &&
           core_free(x, d);
}

} // namespace guards

// The action's guard, over the state x.s.
template <class X>
typename X::Bool action_enabled(X& x, const System& sys, const ActionInstance& a) {
    switch (a.kind) {
    case ActionKind::Probe:
        return guards::probe(x, sys, a.device);
    case ActionKind::AttachPrepare:
        return guards::attach(x, sys, a.device, a.domain);
    case ActionKind::AttachCommit:
        return x.s.master[a.device].prepared;
    case ActionKind::Release:
        return guards::release(x, sys, a.device);
    case ActionKind::ThirdPartyEnable:
        return guards::third_party_enable(x, sys, a.device);
    case ActionKind::ThirdPartyDisable: // iommu_physical_regime_exit
        return x.s.pdev[a.device].tp_active && !x.s.master[a.device].prepared;
    case ActionKind::QuirkClearAtsCap:
        return guards::quirk(x, sys, a.device);
    case ActionKind::PasidAttach:
        return guards::pasid_attach(x, sys, a.device);
    case ActionKind::PasidDetach:
        return guards::pasid_detach(x, sys, a.device);
    case ActionKind::ResetPrepare:
        return guards::reset_prepare(x, sys, a.device);
    case ActionKind::ResetDone: // pci_dev_reset_iommu_done
        return x.s.master[a.device].resetting && guards::lock_free(x, sys, a.device);
    }
    return x.lit(false);
}

// The action's effect on x.s; call only where action_enabled holds.
template <class X> void apply_action(X& x, const System& sys, const ActionInstance& a) {
    switch (a.kind) {
    case ActionKind::Probe:
        arm_smmu_probe_device(x, sys, a.device);
        break;
    case ActionKind::AttachPrepare:
        arm_smmu_attach_prepare(x, sys, a.device, a.domain);
        break;
    case ActionKind::AttachCommit:
        arm_smmu_attach_commit(x, sys, a.device, /*injectable=*/true);
        break;
    case ActionKind::Release:
        arm_smmu_release_device(x, sys, a.device);
        break;
    case ActionKind::ThirdPartyEnable:
        third_party_enable(x, sys, a.device);
        break;
    case ActionKind::ThirdPartyDisable:
        iommu_physical_regime_exit(x, sys, a.device);
        break;
    case ActionKind::QuirkClearAtsCap:
        quirk_clear_ats_cap(x, a.device);
        break;
    case ActionKind::PasidAttach:
        arm_smmu_set_pasid(x, sys, a.device, a.domain);
        break;
    case ActionKind::PasidDetach:
        arm_smmu_blocking_set_dev_pasid(x, sys, a.device);
        break;
    case ActionKind::ResetPrepare:
        pci_dev_reset_iommu_prepare(x, sys, a.device);
        break;
    case ActionKind::ResetDone:
        pci_dev_reset_iommu_done(x, sys, a.device);
        break;
    }
}

} // namespace atscheck
