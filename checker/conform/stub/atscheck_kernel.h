/* atscheck's stand-in for the kernel surface drivers/pci/ats.c uses, so that a
 * tree's ats.c compiles and runs in user space (docs/conformance.md). Every
 * include ats.c names (linux/pci.h, "pci.h", ...) is this one file. A device's
 * config space is a byte array; WARN_ON records that it fired and its line.
 * Register offsets and bits are those of the PCIe specification. */
#ifndef ATSCHECK_KERNEL_H
#define ATSCHECK_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;

#define EINVAL 22
#define EBUSY 16
#define ENODEV 19
#define ENOTTY 25
#define EOPNOTSUPP 95

#define BIT(n) (1UL << (n))
#define GENMASK(h, l) (((~0UL) << (l)) & (~0UL >> (63 - (h))))
#define FIELD_GET(mask, reg) (((reg) & (mask)) >> __builtin_ctzl(mask))
#define FIELD_PREP(mask, val) (((val) << __builtin_ctzl(mask)) & (mask))
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define likely(x) (x)
#define unlikely(x) (x)

#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)
#define __init
#define __must_check

/* WARN_ON(cond): the harness learns that it fired, and where. */
void atscheck_warned(const char *function, int line);
#define WARN_ON(cond)                                                          \
    ({                                                                         \
        int atscheck_c = !!(cond);                                             \
        if (atscheck_c)                                                        \
            atscheck_warned(__func__, __LINE__);                                         \
        atscheck_c;                                                            \
    })
#define WARN_ON_ONCE(cond) WARN_ON(cond)
#define WARN(cond, ...) WARN_ON(cond)

/* Messages print nothing: their text is no part of the ATS state. */
#define pci_info(dev, ...) ((void)(dev))
#define pci_warn(dev, ...) ((void)(dev))
#define pci_err(dev, ...) ((void)(dev))
#define pci_dbg(dev, ...) ((void)(dev))
#define pci_notice(dev, ...) ((void)(dev))

/* struct device: what the SMMU slice reads of it (atscheck_iommu.h). */
struct dev_iommu;
struct iommu_group;
struct device {
    struct dev_iommu *iommu;
    struct iommu_group *iommu_group;
    bool is_pci;
};

/* struct pci_dev: the fields ats.c reads and writes (ATS, PRI, PASID), and
 * the device the SMMU driver's master points at (to_pci_dev). */
struct pci_dev {
    struct device dev;
    struct pci_dev *physfn;
    unsigned int is_virtfn : 1;
    unsigned int untrusted : 1;
    unsigned int ats_enabled : 1;
    unsigned int pri_enabled : 1;
    unsigned int pasid_enabled : 1;
    unsigned int pasid_required : 1;
    unsigned int pasid_no_tlp : 1;
    unsigned int no_ats : 1;
    u16 ats_cap;
    u8 ats_stu;
    u16 pri_cap;
    u32 pri_reqs_alloc;
    u16 pasid_cap;
    u16 pasid_features;
    u8 eetlp_prefix_max;
    u8 config[4096];
    int config_writes;
};

static inline struct pci_dev *pci_physfn(struct pci_dev *dev) {
    return dev->is_virtfn ? dev->physfn : dev;
}

int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val);
int pci_write_config_word(const struct pci_dev *dev, int where, u16 val);
int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val);
int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val);
u16 pci_find_ext_capability(struct pci_dev *dev, int cap);
u16 pci_find_dvsec_capability(struct pci_dev *dev, u16 vendor, u16 dvsec);
bool pci_ats_disabled(void);
bool pci_acs_path_enabled(struct pci_dev *start, struct pci_dev *end, u16 acs_flags);
bool pci_dev_specific_ats_required(struct pci_dev *dev);

/* The helpers under test (include/linux/pci-ats.h). */
bool pci_ats_supported(struct pci_dev *dev);
int pci_prepare_ats(struct pci_dev *dev, int ps);
int pci_enable_ats(struct pci_dev *dev, int ps);
void pci_disable_ats(struct pci_dev *dev);

/* Extended capability IDs and the ATS, PRI, PASID, ACS and CXL registers. */
#define PCI_EXT_CAP_ID_ATS 0x0f
#define PCI_EXT_CAP_ID_PRI 0x13
#define PCI_EXT_CAP_ID_PASID 0x1b
#define PCI_ATS_CAP 0x04
#define PCI_ATS_CAP_QDEP(x) ((x) & 0x1f)
#define PCI_ATS_MAX_QDEP 32
#define PCI_ATS_CAP_PAGE_ALIGNED 0x0020
#define PCI_ATS_CTRL 0x06
#define PCI_ATS_CTRL_ENABLE 0x8000
#define PCI_ATS_CTRL_STU(x) ((x) & 0x1f)
#define PCI_ATS_MIN_STU 12
#define PCI_PRI_CTRL 0x04
#define PCI_PRI_CTRL_ENABLE 0x0001
#define PCI_PRI_CTRL_RESET 0x0002
#define PCI_PRI_STATUS 0x06
#define PCI_PRI_STATUS_STOPPED 0x0100
#define PCI_PRI_STATUS_PASID 0x8000
#define PCI_PRI_MAX_REQ 0x08
#define PCI_PRI_ALLOC_REQ 0x0c
#define PCI_PASID_CAP 0x04
#define PCI_PASID_CAP_EXEC 0x0002
#define PCI_PASID_CAP_PRIV 0x0004
#define PCI_PASID_CAP_WIDTH 0x1f00
#define PCI_PASID_CTRL 0x06
#define PCI_PASID_CTRL_ENABLE 0x0001
#define PCI_PASID_CTRL_EXEC 0x0002
#define PCI_PASID_CTRL_PRIV 0x0004
#define PCI_ACS_RR 0x0004
#define PCI_ACS_UF 0x0010
#define PCI_VENDOR_ID_CXL 0x1e98
#define PCI_DVSEC_CXL_DEVICE 0
#define PCI_DVSEC_CXL_CAP 0x0a
#define PCI_DVSEC_CXL_CACHE_CAPABLE BIT(0)

#endif
