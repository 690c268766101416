#include "properties/properties.hpp"

namespace atscheck {

const std::vector<PropertyInfo>& all_properties() {
    static const std::vector<PropertyInfo> props = {
        {PropertyId::NrAtsMastersConsistent, "nr_ats_masters_consistent",
         "at quiescence, every paging domain's nr_ats_masters equals the number of its "
         "attachments whose PCI ATS is really on",
         "wrong ATS bookkeeping; invalidations sent to devices without ATS"},
        {PropertyId::DisableOnlyWhenEnabled, "disable_only_when_enabled",
         "pci_disable_ats() is only called on a device whose ATS is on",
         "WARNING: drivers/pci/ats.c:132 at pci_disable_ats"},
        {PropertyId::EnableOnlyWhenDisabled, "enable_only_when_disabled",
         "pci_enable_ats() is only called on a device whose ATS is off",
         "WARNING: drivers/pci/ats.c:98 at pci_enable_ats"},
        {PropertyId::EnableNeverFails, "enable_never_fails",
         "pci_enable_ats() never fails in arm_smmu_attach_commit()",
         "\"Failed to enable ATS (STU 12)\" (baseline) / the WARN of d23da7b8d63e"},
        {PropertyId::DriverMirrorsDevice, "driver_mirrors_device",
         "at quiescence, every probed master's ats_enabled equals its pci_dev's",
         "the driver and the PCI core disagree about ATS"},
        {PropertyId::AtcInvalidationCoversAts, "atc_invalidation_covers_ats",
         "a device with ATS on, attached to a paging domain, has ATS invalidation "
         "entries on that domain",
         "stale ATC entries: the device may DMA to freed memory"},
        {PropertyId::CountersNonnegative, "counters_nonnegative",
         "nr_ats_masters and every ATS invalidation entry's users are >= 0",
         "underflow WARN in arm_smmu_invs_unref()"},
        {PropertyId::ProbeSucceeds, "probe_succeeds", "arm_smmu_probe_device() never fails",
         "a device left without an IOMMU (the cost of failing the probe)"},
    };
    return props;
}

const PropertyInfo& property_info(PropertyId id) {
    for (const auto& p : all_properties())
        if (p.id == id)
            return p;
    return all_properties().front();
}

std::optional<PropertyId> find_property(const std::string& name) {
    for (const auto& p : all_properties())
        if (name == p.name)
            return p.id;
    return std::nullopt;
}

} // namespace atscheck
