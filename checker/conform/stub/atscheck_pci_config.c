/* The PCI core around ats.c, for both harnesses: config space as a byte
 * array per device (the ATS capability, when present, at offset 0x100), and
 * the answers of the PCI core's other helpers that ats.c asks. */
#include "atscheck_kernel.h"

int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val) {
    *val = (u16)(dev->config[where] | dev->config[where + 1] << 8);
    return 0;
}

int pci_write_config_word(const struct pci_dev *dev, int where, u16 val) {
    struct pci_dev *d = (struct pci_dev *)dev;
    d->config[where] = (u8)val;
    d->config[where + 1] = (u8)(val >> 8);
    d->config_writes++;
    return 0;
}

int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val) {
    u16 lo, hi;
    pci_read_config_word(dev, where, &lo);
    pci_read_config_word(dev, where + 2, &hi);
    *val = lo | (u32)hi << 16;
    return 0;
}

int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val) {
    pci_write_config_word(dev, where, (u16)val);
    return pci_write_config_word(dev, where + 2, (u16)(val >> 16));
}

u16 pci_find_ext_capability(struct pci_dev *dev, int cap) {
    return cap == PCI_EXT_CAP_ID_ATS ? dev->ats_cap : 0;
}

u16 pci_find_dvsec_capability(struct pci_dev *dev, u16 vendor, u16 dvsec) {
    (void)dev, (void)vendor, (void)dvsec;
    return 0;
}

bool pci_ats_disabled(void) { return false; }

bool pci_acs_path_enabled(struct pci_dev *start, struct pci_dev *end, u16 acs_flags) {
    (void)start, (void)end, (void)acs_flags;
    return false;
}

bool pci_dev_specific_ats_required(struct pci_dev *dev) {
    (void)dev;
    return false;
}
