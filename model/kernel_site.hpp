// The kernel functions the model mirrors, each with the file it lives in and
// the component that owns it (written once here: the sequence diagram's lanes
// and SARIF's locations read them from the events), and where a WARN fires.
#pragma once

namespace atscheck {

constexpr int kEINVAL = 22;
constexpr int kEBUSY = 16;
constexpr int kEIO = 5;           // an injected pci_enable_ats failure (faults.enable: injected)
constexpr int kPciAtsMinStu = 12; // PCI_ATS_MIN_STU: the smallest STU the PCI helpers accept

inline constexpr const char* kAtsFile = "drivers/pci/ats.c";
inline constexpr const char* kSmmuFile = "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c";
inline constexpr const char* kSmmuIommufdFile =
    "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3-iommufd.c";
inline constexpr const char* kSmmuSvaFile = "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3-sva.c";
inline constexpr const char* kIommuFile = "drivers/iommu/iommu.c";

enum class Component { OtherDriver, IommuCore, SmmuDriver, PciCore };

struct KernelFunction {
    const char* name;
    const char* file; // nullptr: not one kernel function (another driver's call)
    Component component;
};

namespace kfn {
inline constexpr KernelFunction pci_ats_supported{"pci_ats_supported", kAtsFile,
                                                  Component::PciCore};
inline constexpr KernelFunction pci_prepare_ats{"pci_prepare_ats", kAtsFile, Component::PciCore};
inline constexpr KernelFunction pci_enable_ats{"pci_enable_ats", kAtsFile, Component::PciCore};
inline constexpr KernelFunction pci_disable_ats{"pci_disable_ats", kAtsFile, Component::PciCore};
inline constexpr KernelFunction arm_smmu_probe_device{"arm_smmu_probe_device", kSmmuFile,
                                                      Component::SmmuDriver};
inline constexpr KernelFunction arm_smmu_attach_dev{"arm_smmu_attach_dev", kSmmuFile,
                                                    Component::SmmuDriver};
inline constexpr KernelFunction arm_smmu_attach_dev_identity{"arm_smmu_attach_dev_identity",
                                                             kSmmuFile, Component::SmmuDriver};
inline constexpr KernelFunction arm_smmu_attach_dev_blocked{"arm_smmu_attach_dev_blocked",
                                                            kSmmuFile, Component::SmmuDriver};
inline constexpr KernelFunction arm_smmu_attach_dev_ste{"arm_smmu_attach_dev_ste", kSmmuFile,
                                                        Component::SmmuDriver};
inline constexpr KernelFunction arm_smmu_attach_prepare{"arm_smmu_attach_prepare", kSmmuFile,
                                                        Component::SmmuDriver};
inline constexpr KernelFunction arm_smmu_attach_commit{"arm_smmu_attach_commit", kSmmuFile,
                                                       Component::SmmuDriver};
inline constexpr KernelFunction arm_smmu_enable_ats{"arm_smmu_enable_ats", kSmmuFile,
                                                    Component::SmmuDriver};
inline constexpr KernelFunction arm_smmu_attach_dev_nested{"arm_smmu_attach_dev_nested",
                                                           kSmmuIommufdFile, Component::SmmuDriver};
inline constexpr KernelFunction arm_smmu_s1_set_dev_pasid{"arm_smmu_s1_set_dev_pasid", kSmmuFile,
                                                          Component::SmmuDriver};
inline constexpr KernelFunction arm_smmu_sva_set_dev_pasid{"arm_smmu_sva_set_dev_pasid",
                                                           kSmmuSvaFile, Component::SmmuDriver};
inline constexpr KernelFunction arm_smmu_set_pasid{"arm_smmu_set_pasid", kSmmuFile,
                                                   Component::SmmuDriver};
inline constexpr KernelFunction arm_smmu_blocking_set_dev_pasid{"arm_smmu_blocking_set_dev_pasid",
                                                                kSmmuFile, Component::SmmuDriver};
inline constexpr KernelFunction iommu_deinit_device{"iommu_deinit_device", kIommuFile,
                                                    Component::IommuCore};
inline constexpr KernelFunction pci_dev_reset_iommu_prepare{"pci_dev_reset_iommu_prepare",
                                                            kIommuFile, Component::IommuCore};
inline constexpr KernelFunction pci_dev_reset_iommu_done{"pci_dev_reset_iommu_done", kIommuFile,
                                                         Component::IommuCore};
inline constexpr KernelFunction arm_smmu_release_device{"arm_smmu_release_device", kSmmuFile,
                                                        Component::SmmuDriver};
// Another driver calling pci_enable_ats() on the device at any time (timing adversarial).
inline constexpr KernelFunction third_party_enable{"third_party_enable", nullptr,
                                                   Component::OtherDriver};
// The proposed IOMMU-core helpers a third party calls (timing kernel): posted,
// not in a tree, so no file. The TDISP pair (iommu_tdisp_enter_t0/_exit_t0)
// does the same to ATS.
inline constexpr KernelFunction iommu_physical_regime_enter{"iommu_physical_regime_enter", nullptr,
                                                            Component::IommuCore};
inline constexpr KernelFunction iommu_physical_regime_exit{"iommu_physical_regime_exit", nullptr,
                                                           Component::IommuCore};
} // namespace kfn

struct WarnSite {
    const KernelFunction* function = nullptr; // the function whose WARN_ON fires
    int line = 0;                             // 0 when the revision's line is not known
};

} // namespace atscheck
