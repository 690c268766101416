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
inline constexpr const char* kSmmuHeaderFile = "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.h";
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

// Every kernel function the model mirrors: its name, file and component.
// `atscheck conform` looks each one up in a tree (checker/conform/). A file of
// nullptr is not one kernel function: another driver's call (timing
// adversarial), or the IOMMU-core helpers a third party calls (timing kernel),
// posted but not in a tree; the TDISP pair (iommu_tdisp_enter_t0/_exit_t0)
// does the same to ATS.
#define ATSCHECK_KERNEL_FUNCTIONS(X)                                                               \
    X(pci_ats_supported, kAtsFile, PciCore)                                                        \
    X(pci_prepare_ats, kAtsFile, PciCore)                                                          \
    X(pci_enable_ats, kAtsFile, PciCore)                                                           \
    X(pci_disable_ats, kAtsFile, PciCore)                                                          \
    X(arm_smmu_probe_device, kSmmuFile, SmmuDriver)                                                \
    X(arm_smmu_attach_dev, kSmmuFile, SmmuDriver)                                                  \
    X(arm_smmu_attach_dev_identity, kSmmuFile, SmmuDriver)                                         \
    X(arm_smmu_attach_dev_blocked, kSmmuFile, SmmuDriver)                                          \
    X(arm_smmu_attach_dev_ste, kSmmuFile, SmmuDriver)                                              \
    X(arm_smmu_attach_prepare, kSmmuFile, SmmuDriver)                                              \
    X(arm_smmu_attach_commit, kSmmuFile, SmmuDriver)                                               \
    X(arm_smmu_enable_ats, kSmmuFile, SmmuDriver)                                                  \
    X(arm_smmu_attach_dev_nested, kSmmuIommufdFile, SmmuDriver)                                    \
    X(arm_smmu_s1_set_dev_pasid, kSmmuFile, SmmuDriver)                                            \
    X(arm_smmu_sva_set_dev_pasid, kSmmuSvaFile, SmmuDriver)                                        \
    X(arm_smmu_set_pasid, kSmmuFile, SmmuDriver)                                                   \
    X(arm_smmu_blocking_set_dev_pasid, kSmmuFile, SmmuDriver)                                      \
    X(iommu_deinit_device, kIommuFile, IommuCore)                                                  \
    X(pci_dev_reset_iommu_prepare, kIommuFile, IommuCore)                                          \
    X(pci_dev_reset_iommu_done, kIommuFile, IommuCore)                                             \
    X(arm_smmu_release_device, kSmmuFile, SmmuDriver)                                              \
    X(third_party_enable, nullptr, OtherDriver)                                                    \
    X(iommu_physical_regime_enter, nullptr, IommuCore)                                             \
    X(iommu_physical_regime_exit, nullptr, IommuCore)

namespace kfn {
#define ATSCHECK_DEFINE_KFN(name, file, component)                                                 \
    inline constexpr KernelFunction name{#name, file, Component::component};
ATSCHECK_KERNEL_FUNCTIONS(ATSCHECK_DEFINE_KFN)
#undef ATSCHECK_DEFINE_KFN

#define ATSCHECK_KFN_ADDRESS(name, file, component) &name,
inline constexpr const KernelFunction* kAll[] = {ATSCHECK_KERNEL_FUNCTIONS(ATSCHECK_KFN_ADDRESS)};
#undef ATSCHECK_KFN_ADDRESS
} // namespace kfn

struct WarnSite {
    const KernelFunction* function = nullptr; // the function whose WARN_ON fires
    int line = 0;                             // 0 when the revision's line is not known
};

} // namespace atscheck
