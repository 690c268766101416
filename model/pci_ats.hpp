// The PCI core's ATS helpers (drivers/pci/ats.c), generic over the execution
// context X (see model/concrete.hpp and model/symbolic.hpp). Rules: model-spec
// section 3; sources: ats-kernel-semantics.md sections 2.1 and 2.2.
//
// X supplies: X::Bool, X::Int, x.s (the state), x.lit, x.num, x.ite, x.when,
// x.call_if, x.choose, x.reason, x.branch, x.enter, x.warn, x.log_call, x.log_void,
// x.log_message, x.config_write. x.branch(id, c) returns c and records it for the coverage report.
#pragma once

#include <utility>

#include "model/branches.hpp"
#include "model/kernel_site.hpp"
#include "model/state.hpp"

namespace atscheck {

// pci_ats_supported(): ats_cap && !untrusted. Since 4f2cd6091ac4 ("PCI/ATS:
// Ensure pci_ats_supported() is PF-aware for VFs") a VF also needs its PF to pass.
template <class X> typename X::Bool pci_ats_supported(X& x, const System& sys, int p) {
    const auto& pd = x.s.pdev[p];
    auto own = pd.ats_cap && !pd.untrusted;
    const Device& dev = sys.scenario.devices[p];
    if (sys.revision.ats_supported == AtsSupported::PfAware && dev.is_vf())
        return own && pci_ats_supported(x, sys, *dev.pf);
    return own;
}

// pci_ats_required() (Nicolin Chen's ats_always_on series, v6's name for
// pci_ats_always_on): false unless pci_ats_supported(); then it asks
// pci_physfn(): a VF answers for its PF, which is CXL.cache-capable or on a
// quirk list (Device::ats_required, which the scenario reader takes on a PF
// only). The third party's helpers (iommu_physical_regime_enter,
// iommu_tdisp_enter_t0) call it too, so every revision has it here [I:
// baseline lacks the function].
template <class X> typename X::Bool pci_ats_required(X& x, const System& sys, int p) {
    const Device& dev = sys.scenario.devices[p];
    const bool needs = sys.scenario.devices[dev.pf.value_or(p)].ats_required;
    return needs ? pci_ats_supported(x, sys, p) : x.lit(false);
}

// The head that pci_prepare_ats() and pci_enable_ats() share: whether the
// device is supported, and WARN_ON(dev->ats_enabled) (setting `warned`).
// Returns {supported, busy}. The STU checks come after both, so a busy
// device gets -EBUSY whatever its STU.
template <class X>
std::pair<typename X::Bool, typename X::Bool>
ats_entry_checks(X& x, const System& sys, int p, int warn_line, const KernelFunction& function,
                 typename X::Bool& warned, Branch unsupported_branch, Branch busy_branch) {
    auto supported = !x.branch(unsupported_branch, !pci_ats_supported(x, sys, p));
    auto busy = x.branch(busy_branch, supported && x.s.pdev[p].ats_enabled);
    if (busy_branch == Branch::EnableAtsBusy && sys.mutated(Mutant::EnableIgnoresBusy))
        busy = x.lit(false);
    x.when(busy, [&] {
        x.warn(WarnSite{&function, warn_line});
        warned = x.lit(true);
    });
    return {supported, busy};
}

// ps < PCI_ATS_MIN_STU: -EINVAL after the entry checks, in both pci_prepare_ats()
// and pci_enable_ats(). Scenario validation keeps every STU at or above it, so
// only `atscheck conform` (checker/conform/) reaches this, comparing the rules
// with a tree's ats.c.
template <class X> typename X::Bool stu_too_small(X& x, int ps) {
    return x.lit(ps < kPciAtsMinStu);
}

// pci_prepare_ats(): programs the STU on a PF before ATS is enabled. A VF was a
// no-op before 6fd7c5c81af2 ("PCI/ATS: Validate STU for VFs in pci_prepare_ats()"),
// which makes it fail unless the PF's STU matches.
template <class X> typename X::Int pci_prepare_ats(X& x, const System& sys, int p, int ps) {
    auto frame = x.enter(&kfn::pci_prepare_ats);
    auto& s = x.s;
    auto& pd = s.pdev[p];
    const Device& dev = sys.scenario.devices[p];
    auto [supported, busy] = ats_entry_checks(
        x, sys, p, sys.revision.warn_lines.prepare, kfn::pci_prepare_ats, s.flags.warn_prepare,
        Branch::PrepareAtsUnsupported, Branch::PrepareAtsBusy);
    auto too_small = supported && !busy && stu_too_small(x, ps);
    auto proceed = supported && !busy && !too_small;
    auto stu_mismatch = x.lit(false);
    if (dev.is_vf()) {
        if (sys.revision.prepare_vf == PrepareVf::ValidateStu)
            stu_mismatch =
                x.branch(Branch::PrepareVfStuMismatch, proceed && s.pdev[*dev.pf].ats_stu != ps);
    } else {
        x.when(x.branch(Branch::PreparePfStuProgrammed, proceed), [&] {
            pd.ats_stu = x.num(ps);
            x.config_write("ATS Control: STU");
        });
    }
    auto ret = x.ite(!supported || too_small || stu_mismatch, x.num(-kEINVAL),
                     x.ite(busy, x.num(-kEBUSY), x.num(0)));
    x.log_call(kfn::pci_prepare_ats, ret,
               x.reason({{!supported, "ATS not supported"},
                         {busy, "ATS already enabled"},
                         {too_small, "STU below PCI_ATS_MIN_STU"},
                         {stu_mismatch, "VF STU differs from the PF's ats_stu"}}));
    return ret;
}

// pci_enable_ats(): sets the Enable bit and the software record pdev->ats_enabled.
// A VF fails unless its PF's ats_stu equals ps; a non-VF programs ats_stu itself.
// It has no hardware failure path; faults.enable: injected adds one as a
// choice where the caller allows it (attach_commit only, model-spec-2 A3, so
// that an action makes at most one choice).
template <class X>
typename X::Int pci_enable_ats(X& x, const System& sys, int p, int ps, bool injectable = false) {
    auto frame = x.enter(&kfn::pci_enable_ats);
    auto& s = x.s;
    auto& pd = s.pdev[p];
    const Device& dev = sys.scenario.devices[p];
    auto [supported, busy] =
        ats_entry_checks(x, sys, p, sys.revision.warn_lines.enable, kfn::pci_enable_ats,
                         s.flags.warn_enable, Branch::EnableAtsUnsupported, Branch::EnableAtsBusy);
    auto too_small = supported && !busy && stu_too_small(x, ps);
    auto stu_mismatch = x.lit(false);
    if (dev.is_vf() && !sys.mutated(Mutant::EnableWithoutStuCheck))
        stu_mismatch = x.branch(Branch::EnableVfStuMismatch,
                                supported && !busy && !too_small && s.pdev[*dev.pf].ats_stu != ps);
    auto would_succeed = supported && !busy && !too_small && !stu_mismatch;
    auto injected =
        sys.scenario.inject_enable_faults && injectable
            ? x.branch(Branch::EnableInjectedFault, x.choose("enable_fails", would_succeed))
            : x.lit(false);
    auto ok = x.branch(Branch::EnableSucceeds, would_succeed && !injected);
    x.when(ok, [&] {
        if (!dev.is_vf())
            pd.ats_stu = x.num(ps);
        pd.ats_enabled = x.lit(true);
        // A VF's STU is hardwired: only a non-VF writes it with the Enable bit.
        x.config_write(dev.is_vf() ? "ATS Control: E=1" : "ATS Control: E=1, STU");
    });
    auto ret = x.ite(ok, x.num(0),
                     x.ite(busy, x.num(-kEBUSY), x.ite(injected, x.num(-kEIO), x.num(-kEINVAL))));
    x.log_call(kfn::pci_enable_ats, ret,
               x.reason({{!supported, "ATS not supported"},
                         {busy, "ATS already enabled"},
                         {too_small, "STU below PCI_ATS_MIN_STU"},
                         {stu_mismatch, "VF STU differs from the PF's ats_stu"},
                         {injected, "injected fault"}}));
    return ret;
}

// pci_disable_ats(): WARN_ON(!dev->ats_enabled) and return (ats.c:132 before the
// series, 139 after); otherwise clear the Enable bit and the software record.
template <class X> void pci_disable_ats(X& x, const System& sys, int p) {
    auto frame = x.enter(&kfn::pci_disable_ats);
    auto& s = x.s;
    auto& pd = s.pdev[p];
    auto off = x.branch(Branch::DisableAtsOff, !pd.ats_enabled);
    x.when(off, [&] {
        x.warn(WarnSite{&kfn::pci_disable_ats, sys.revision.warn_lines.disable});
        s.flags.warn_disable = x.lit(true);
    });
    // After the WARN the kernel returns without touching the config space.
    x.when(!off, [&] { x.config_write("ATS Control: E=0"); });
    pd.ats_enabled = x.lit(false);
    x.log_void(kfn::pci_disable_ats);
}

} // namespace atscheck
