// The environment's actions (model-spec section 3, model-spec-2 A2): a third
// party that enables ATS behind the driver's back, and a late fixup that
// zeroes the ATS capability. Generic over the execution context X like
// model/pci_ats.hpp.
#pragma once

#include "model/smmu_driver.hpp"

namespace atscheck {

// timing adversarial: another driver calls pci_enable_ats() at the device's
// own STU, whenever pdev->ats_enabled is off.
// timing kernel: iommu_physical_regime_enter() (iommu_tdisp_enter_t0 is the
// same) on a blocked, idle master: pci_enable_ats(pdev, PCI_ATS_MIN_STU) with
// every rule and WARN of the PCI core, pdev->ats_enabled not checked first and
// the result ignored by its caller [S: the posted helper]. The STU is
// third_party_stu (PCI_ATS_MIN_STU = 12 in the posted helpers).
template <class X> void third_party_enable(X& x, const System& sys, int d) {
    if (!sys.scenario.kernel_timed()) {
        auto frame = x.enter(&kfn::third_party_enable);
        pci_enable_ats(x, sys, d, sys.scenario.third_party_stu);
        return;
    }
    auto frame = x.enter(&kfn::iommu_physical_regime_enter);
    pci_enable_ats(x, sys, d, sys.scenario.third_party_stu);
    x.s.pdev[d].tp_active = x.lit(true);
    note_iommu_op(x, sys, d);
}

// iommu_physical_regime_exit(): if pci_ats_required(pdev) && pdev->ats_enabled,
// pci_disable_ats(pdev) [S: the posted helper].
template <class X> void iommu_physical_regime_exit(X& x, const System& sys, int d) {
    auto frame = x.enter(&kfn::iommu_physical_regime_exit);
    if (!sys.mutated(Mutant::RegimeExitKeepsAts))
        x.when(pci_ats_required(x, sys, d) && x.s.pdev[d].ats_enabled,
               [&] { pci_disable_ats(x, sys, d); });
    x.s.pdev[d].tp_active = x.lit(false);
}

// A quirk_*_no_ats FINAL fixup zeroes pdev->ats_cap after the IOMMU probe.
template <class X> void quirk_clear_ats_cap(X& x, int d) {
    x.s.pdev[d].ats_cap = x.lit(false);
}

} // namespace atscheck
