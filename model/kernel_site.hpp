// Where a kernel WARN fires, for the splat in the text view.
#pragma once

namespace atscheck {

constexpr int kEINVAL = 22;
constexpr int kEBUSY = 16;
constexpr int kEIO = 5; // an injected pci_enable_ats failure (faults.enable: injected)

struct WarnSite {
    const char* file;
    int line; // 0 when the revision's line is not known
    const char* function;
};

inline constexpr const char* kAtsFile = "drivers/pci/ats.c";
inline constexpr const char* kSmmuFile = "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c";

} // namespace atscheck
