// The SMMUv3 driver's ATS steps (drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c),
// generic over the execution context X like model/pci_ats.hpp. Each function is
// one atomic action of model-spec section 3; sources: ats-kernel-semantics.md 2.3.
#pragma once

#include <string>

#include "model/pci_ats.hpp"

namespace atscheck {

// arm_smmu_ats_supported(): FEAT_ATS and PCI_RC_ATS are assumed (the scenario's
// SMMUs support ATS), so it reduces to pci_ats_supported() at the time of the call.
template <class X> typename X::Bool arm_smmu_ats_supported(X& x, const System& sys, int d) {
    return pci_ats_supported(x, sys, d);
}

// The IOMMU core operated on master d (an attach, a third party's enter):
// master.ops counts them, saturating at 2, where the scenario reads it.
template <class X> void note_iommu_op(X& x, const System& sys, int d) {
    if (!sys.scenario.counts_ops())
        return;
    auto& ops = x.s.master[d].ops;
    ops = x.ite(ops >= 2, x.num(2), ops + 1);
}

// arm_smmu_probe_device(): allocates a zeroed master, then the revision's
// probe-time pci_prepare_ats() (baseline: any PCI device, result ignored;
// Nicolin's arm_smmu_master_prepare_ats: supported devices only; the series:
// supported devices, and a failure fails the probe).
template <class X> void arm_smmu_probe_device(X& x, const System& sys, int d) {
    auto frame = x.enter(&kfn::arm_smmu_probe_device);
    auto& s = x.s;
    const int stu = sys.scenario.devices[d].stu;
    auto ok = x.lit(true);
    if (!sys.mutated(Mutant::ProbeSkipsPrepare))
        switch (sys.revision.probe_prepare) {
        case ProbePrepare::AllIgnoreResult:
            pci_prepare_ats(x, sys, d, stu);
            break;
        case ProbePrepare::SupportedIgnoreResult:
            x.call_if(
                arm_smmu_ats_supported(x, sys, d), [&] { return pci_prepare_ats(x, sys, d, stu); },
                x.num(0));
            break;
        case ProbePrepare::SupportedFailProbe:
            ok = x.call_if(
                     arm_smmu_ats_supported(x, sys, d),
                     [&] { return pci_prepare_ats(x, sys, d, stu); }, x.num(0)) == 0;
            break;
        }
    ok = !x.branch(Branch::ProbeFails, !ok);
    auto& m = s.master[d];
    // arm_smmu_master_prepare_ats() (ats_always_on): ATS stays on through
    // identity for a function that needs it (S1P, SSID bits and the CD table
    // assumed) [S: RFC].
    auto always_on = sys.revision.ats_always_on == AtsAlwaysOn::Off
                         ? x.lit(false)
                         : arm_smmu_ats_supported(x, sys, d) && pci_ats_required(x, sys, d);
    x.when(ok, [&] {
        m.probed = x.lit(true);
        m.ats_enabled = x.lit(false); // kzalloc'd master
        m.domain = x.num(kNoDomain);
        m.always_on = always_on;
        m.ops = x.num(0);
    });
    x.when(!ok, [&] { s.flags.probe_failed = x.lit(true); });
}

// The IOMMU core's entry into the driver for a RID attach to `dom`, for the call chain.
inline const KernelFunction* attach_entry_point(const Domain& dom) {
    switch (dom.kind) {
    case DomainKind::Paging:
    case DomainKind::S2Parent:
        return &kfn::arm_smmu_attach_dev;
    case DomainKind::Identity:
        return &kfn::arm_smmu_attach_dev_identity;
    case DomainKind::Blocked:
        return &kfn::arm_smmu_attach_dev_blocked;
    case DomainKind::Nested:
        return &kfn::arm_smmu_attach_dev_nested;
    case DomainKind::Sva: // PASID only: no RID attach reaches here
        return nullptr;
    }
    return nullptr;
}

// arm_smmu_ssids_in_use(): the master has a PASID attached.
template <class X> typename X::Bool ssids_in_use(X& x, int d) {
    return x.s.master[d].pasid_domain != kNoDomain;
}

// Step 1 of arm_smmu_attach_prepare(): state->ats_enabled = !disable_ats &&
// arm_smmu_ats_supported() for a counted domain (paging, s2_parent; nested
// with disable_ats from its vSTE), or where arm_smmu_attach_dev_ste() sets
// cd_needs_ats and keeps a CD-table STE: while SSIDs are in use, and for
// identity on an always-on master [S: RFC]. Otherwise a plain bypass/abort
// STE, ATS off (arm_smmu_attach_dev_blocked passes always_on false [S: RFC]).
template <class X> typename X::Bool predicted_ats(X& x, const System& sys, int d, int D) {
    const Domain& dom = sys.scenario.domains[D];
    const auto& m = x.s.master[d];
    if (dom.counted())
        return dom.disable_ats()
                   ? x.lit(false)
                   : x.branch(Branch::AttachPredictsAts, arm_smmu_ats_supported(x, sys, d));
    auto cd_needs_ats = ssids_in_use(x, d);
    if (dom.kind == DomainKind::Identity && !sys.mutated(Mutant::IdentityIgnoresAlwaysOn))
        cd_needs_ats = cd_needs_ats || m.always_on;
    return x.branch(Branch::AttachCdNeedsAts, cd_needs_ats && arm_smmu_ats_supported(x, sys, d));
}

// Whether arm_smmu_invs_merge() adds the master's ATS entry: in the model it
// always does; two seeded faults (model/mutants.hpp) drop it.
template <class X> typename X::Bool invs_merge_has_room(X& x, const System& sys) {
    if (sys.mutated(Mutant::SkipInvalidationMerge))
        return x.lit(false);
    if (!sys.mutated(Mutant::InvsCappedAtFour))
        return x.lit(true);
    auto probed = x.num(0);
    for (const auto& m : x.s.master)
        probed = probed + x.ite(m.probed, x.num(1), x.num(0));
    return probed <= x.num(4);
}

// The seeded fault leave_ats_reads_first_master: the lowest-numbered master
// on d's SMMU that is a VF when d is one, a PF (or lone function) when not.
inline int first_master_of_kind(const System& sys, int d) {
    const Device& dev = sys.scenario.devices[d];
    for (int o = 0; o < sys.num_devices(); ++o) {
        const Device& other = sys.scenario.devices[o];
        if (other.smmu == dev.smmu && other.is_vf() == dev.is_vf())
            return o;
    }
    return d;
}

// arm_smmu_attach_prepare() for the RID (SSID 0), under arm_smmu_asid_lock.
// Predicts ATS for the new domain and bumps its count before ATS is really on.
template <class X> void arm_smmu_attach_prepare(X& x, const System& sys, int d, int D) {
    const Domain& dom_info = sys.scenario.domains[D];
    auto entry = x.enter(attach_entry_point(dom_info));
    auto ste = dom_info.counted() ? x.enter(nullptr) : x.enter(&kfn::arm_smmu_attach_dev_ste);
    auto frame = x.enter(&kfn::arm_smmu_attach_prepare);
    auto& s = x.s;
    auto& m = s.master[d];
    auto pending_ats = predicted_ats(x, sys, d, D);
    if (dom_info.counted()) {
        // A nested domain's list and counters are its parent's (to_smmu_domain_devices).
        auto& dom = s.domain[sys.scenario.counted_at(D)];
        dom.devices[d] = dom.devices[d] + 1; // list_add(&master_domain->devices_elm, ...)
        const int count = sys.mutated(Mutant::SkipIncrement)     ? 0
                          : sys.mutated(Mutant::DoubleIncrement) ? 2
                                                                 : 1;
        x.when(pending_ats, [&] {
            dom.nr_ats_masters = dom.nr_ats_masters + count; // under devices_lock
            x.when(invs_merge_has_room(x, sys), [&] {
                dom.ats_invs[d] = dom.ats_invs[d] + 1; // arm_smmu_invs_merge()
            });
        });
    }
    // The site of the WARN in the report: the driver believes ATS is on.
    const auto& believed = sys.mutated(Mutant::LeaveAtsReadsFirstMaster)
                               ? s.master[first_master_of_kind(sys, d)].ats_enabled
                               : m.ats_enabled;
    auto leaves_ats =
        sys.mutated(Mutant::DisableWhenAtsOff) ? !pending_ats : !pending_ats && believed;
    x.when(x.branch(Branch::AttachDisablesOldAts, leaves_ats), [&] {
        if (!sys.mutated(Mutant::SkipDisable))
            pci_disable_ats(x, sys, d);
    });
    m.prepared = x.lit(true);
    m.pending_domain = x.num(D);
    m.pending_ats = pending_ats;
}

// arm_smmu_enable_ats() in a commit: pci_enable_ats() at the SMMU's STU, then
// the revision's answer to a failure; `undo` takes back the prediction where
// the revision rolls back (the proposed fix). `injectable`: see pci_enable_ats.
template <class X, class Undo>
void arm_smmu_enable_ats(X& x, const System& sys, int d, Undo&& undo, bool injectable = false) {
    auto frame = x.enter(&kfn::arm_smmu_enable_ats);
    const int stu = sys.scenario.devices[d].stu;
    auto ret = pci_enable_ats(x, sys, d, stu, injectable);
    x.when(x.branch(Branch::CommitEnableFailed, ret != 0), [&] {
        x.s.flags.enable_failed = x.lit(true);
        switch (sys.revision.enable_failure) {
        case EnableFailure::DevErr:
            x.log_message(
                [&] { return "dev_err: Failed to enable ATS (STU " + std::to_string(stu) + ")"; });
            break;
        case EnableFailure::Warn: // d23da7b8d63e: WARN, state kept as predicted
            x.warn(WarnSite{&kfn::arm_smmu_enable_ats, 0});
            break;
        case EnableFailure::Rollback:
            undo();
            break;
        }
    });
}

// Calls f(dom) on the counters a RID attachment to a counted domain E moved,
// for each E where `at(E)` holds (a nested domain's are its parent's).
template <class X, class At, class F>
void for_counted_attachment(X& x, const System& sys, At&& at, F&& f) {
    for (int E = 0; E < sys.num_domains(); ++E)
        if (sys.scenario.domains[E].counted())
            x.when(at(E), [&] { f(x.s.domain[sys.scenario.counted_at(E)]); });
}

// arm_smmu_attach_commit(): enables ATS for real, leaves the old domain, and
// records master->ats_enabled = state->ats_enabled whatever pci_enable_ats() said.
// Injected enable faults hit the attach_commit action, not internal attaches.
template <class X>
void arm_smmu_attach_commit(X& x, const System& sys, int d, bool injectable = false) {
    auto frame = x.enter(&kfn::arm_smmu_attach_commit);
    auto& m = x.s.master[d];
    x.when(x.branch(Branch::CommitEnablesAts, m.pending_ats && !m.ats_enabled), [&] {
        arm_smmu_enable_ats(
            x, sys, d,
            [&] { // undo prepare's prediction
                for_counted_attachment(
                    x, sys, [&](int E) { return m.pending_domain == E; },
                    [&](auto& dom) {
                        dom.nr_ats_masters = dom.nr_ats_masters - 1;
                        dom.ats_invs[d] = dom.ats_invs[d] - 1;
                    });
                m.pending_ats = x.lit(false);
            },
            injectable);
    });
    // arm_smmu_remove_master_domain(old): the decrement follows the OLD belief
    // master->ats_enabled, not the value used when the count was incremented.
    if (!sys.mutated(Mutant::CommitKeepsOldDomain))
        for_counted_attachment(
            x, sys, [&](int E) { return x.branch(Branch::CommitLeavesOldDomain, m.domain == E); },
            [&](auto& dom) {
                dom.devices[d] = dom.devices[d] - 1;
                x.when(x.branch(Branch::CommitOldAttachmentHadAts, m.ats_enabled), [&] {
                    if (!sys.mutated(Mutant::DropDecrement))
                        dom.nr_ats_masters = dom.nr_ats_masters - 1;
                    dom.ats_invs[d] = dom.ats_invs[d] - 1; // arm_smmu_invs_unref()
                });
            });
    m.ats_enabled = m.pending_ats;
    m.domain = m.pending_domain;
    m.prepared = x.lit(false);
    note_iommu_op(x, sys, d);
    // The attach state lived on the stack; clear it so idle states compare equal.
    m.pending_domain = x.num(kNoDomain);
    m.pending_ats = x.lit(false);
}

// An attach the IOMMU core or the driver makes inside another operation (the
// release domain, a reset, the last-SSID downgrade): prepare and commit in one
// step, under the group mutex the operation already holds.
template <class X> void internal_attach(X& x, const System& sys, int d, int D) {
    arm_smmu_attach_prepare(x, sys, d, D);
    arm_smmu_attach_commit(x, sys, d);
}

// The scenario's blocked domain (the core's blocking and release domain), or -1.
inline int blocked_domain(const System& sys) {
    for (int D = 0; D < sys.num_domains(); ++D)
        if (sys.scenario.domains[D].kind == DomainKind::Blocked)
            return D;
    return -1;
}

// iommu_deinit_device() then arm_smmu_release_device(): the core attaches the
// blocked release_domain first, even when the group is already blocked [S]:
// ATS stays on only while a PASID remains (cd_needs_ats). Without PASIDs that
// attach changes nothing (a master on blocked or none has ATS off and those
// keep no counters), so it is only run where a device has PASIDs. Then the
// master is freed, with its PASID entries still on their domain (a leak).
// Neither pdev->ats_enabled nor any counter is touched by the release itself.
template <class X> void arm_smmu_release_device(X& x, const System& sys, int d) {
    const int B = blocked_domain(sys);
    if (B >= 0 && sys.scenario.has_pasid()) {
        auto core = x.enter(&kfn::iommu_deinit_device);
        internal_attach(x, sys, d, B);
    }
    auto frame = x.enter(&kfn::arm_smmu_release_device);
    auto& m = x.s.master[d];
    m.probed = x.lit(false);
    m.ats_enabled = x.lit(false); // kfree(master)
    m.domain = x.num(kNoDomain);
    m.always_on = x.lit(false);
    m.ops = x.num(0);
    m.pasid_domain = x.num(kNoDomain);
}

} // namespace atscheck
