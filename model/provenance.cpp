#include "model/provenance.hpp"

namespace atscheck {

const char* to_string(Provenance p) {
    switch (p) {
    case Provenance::Realistic:
        return "realistic";
    case Provenance::Adversarial:
        return "adversarial";
    case Provenance::Hypothetical:
        return "hypothetical";
    }
    return "?";
}

std::string ScenarioProvenance::text() const {
    std::string out = to_string(label);
    for (size_t i = 0; i < relaxes.size(); ++i)
        out += (i == 0 ? ": " : "; ") + relaxes[i].rule;
    return out;
}

ScenarioProvenance provenance_of(const Scenario& sc) {
    ScenarioProvenance p;
    auto relax = [&](Relaxes what, Provenance label, std::string rule) {
        p.relaxes.push_back({what, label, std::move(rule)});
        if (static_cast<int>(label) > static_cast<int>(p.label))
            p.label = label;
    };
    if (sc.inject_enable_faults)
        relax(Relaxes::InjectedFaults, Provenance::Hypothetical,
              "faults.enable injected: pci_enable_ats() fails with -EIO, which it cannot "
              "return (it never reads the Enable bit back; only -EINVAL and -EBUSY)");
    if (sc.lock == LockDiscipline::None)
        relax(Relaxes::NoLock, Provenance::Hypothetical,
              "lock none: arm_smmu_attach_dev() holds arm_smmu_asid_lock from "
              "arm_smmu_attach_prepare() to arm_smmu_attach_commit()");
    if (sc.third_party_enable && !sc.kernel_timed())
        relax(Relaxes::ThirdPartyAnyTime, Provenance::Adversarial,
              "timing adversarial: third_party_enable at any time, also inside another master's "
              "attach and on a "
              "master attached to a paging domain; the proposed callers "
              "(iommu_physical_regime_enter, iommu_tdisp_enter_t0) act only on an idle master "
              "on a blocked domain");
    if (sc.quirk_clear_ats_cap && !sc.kernel_timed())
        relax(Relaxes::QuirkAnyTime, Provenance::Adversarial,
              "timing adversarial: quirk_clear_ats_cap at any time, also inside an attach; the "
              "kernel runs the "
              "FINAL fixup once, after the IOMMU probe and the default-domain attach and "
              "before driver bind");
    if (sc.release_with_pasid)
        relax(Relaxes::ReleaseWithPasid, Provenance::Hypothetical,
              "release_with_pasid: the device is released with a PASID still attached; the "
              "IOMMU core detaches every PASID before iommu_deinit_device() [I]");
    return p;
}

ScenarioProvenance only(const ScenarioProvenance& p, const std::vector<Relaxes>& used) {
    ScenarioProvenance out;
    for (const auto& r : p.relaxes)
        for (Relaxes u : used)
            if (r.what == u) {
                out.relaxes.push_back(r);
                if (static_cast<int>(r.label) > static_cast<int>(out.label))
                    out.label = r.label;
                break;
            }
    return out;
}

} // namespace atscheck
