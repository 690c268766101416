// SPDX-License-Identifier: MIT
/*
 * A fixture of atscheck's own writing, shaped like drivers/pci/ats.c: the four
 * ATS helpers, the includes a tree's file names, and one unrelated helper.
 * tests/test_conform.cpp fills each @...@ in to make one tree per knob
 * combination (and some that match none).
 */
#include <linux/export.h>
#include <linux/pci-ats.h>
#include <linux/pci.h>

#include "pci.h"

static bool fixture_cap_usable(struct pci_dev *pdev)
{
	return pdev->ats_cap != 0 && !pdev->untrusted;
}

bool pci_ats_supported(struct pci_dev *pdev)
{
	if (!fixture_cap_usable(pdev))
		return false;
	if (pdev->is_virtfn)
		return pci_ats_supported(pci_physfn(pdev));
	return true;
}
EXPORT_SYMBOL_GPL(pci_ats_supported);

int pci_prepare_ats(struct pci_dev *pdev, int ps)
{
	u16 ctrl;

	if (!pci_ats_supported(pdev))
		return -EINVAL;
	if (WARN_ON(pdev->ats_enabled))
		return -EBUSY;
	if (ps < PCI_ATS_MIN_STU)
		return -EINVAL;
	if (pdev->is_virtfn)
		return pci_physfn(pdev)->ats_stu == ps ? 0 : -EINVAL;
	pdev->ats_stu = ps;
	ctrl = PCI_ATS_CTRL_STU(ps - PCI_ATS_MIN_STU);
	pci_write_config_word(pdev, pdev->ats_cap + PCI_ATS_CTRL, ctrl);
	return 0;
}
EXPORT_SYMBOL_GPL(pci_prepare_ats);

int pci_enable_ats(struct pci_dev *pdev, int ps)
{
	u16 ctrl = PCI_ATS_CTRL_ENABLE;

	if (!pci_ats_supported(pdev))
		return -EINVAL;
	if (WARN_ON(pdev->ats_enabled))
		return -EBUSY;
	if (ps < PCI_ATS_MIN_STU)
		return -EINVAL;
	if (pdev->is_virtfn) {
		/* A VF's STU is the PF's: it must already match. */
		if (pci_physfn(pdev)->ats_stu != ps)
			return -EINVAL;
	} else {
		pdev->ats_stu = ps;
		ctrl |= PCI_ATS_CTRL_STU(ps - PCI_ATS_MIN_STU);
	}
	pci_write_config_word(pdev, pdev->ats_cap + PCI_ATS_CTRL, ctrl);
	pdev->ats_enabled = 1;
	return 0;
}
EXPORT_SYMBOL_GPL(pci_enable_ats);

void pci_disable_ats(struct pci_dev *pdev)
{
	u16 ctrl;

	if (WARN_ON(!pdev->ats_enabled))
		return;
	pci_read_config_word(pdev, pdev->ats_cap + PCI_ATS_CTRL, &ctrl);
	ctrl &= ~PCI_ATS_CTRL_ENABLE;
	pci_write_config_word(pdev, pdev->ats_cap + PCI_ATS_CTRL, ctrl);
	pdev->ats_enabled = 0;
}
EXPORT_SYMBOL_GPL(pci_disable_ats);

int pci_ats_queue_depth(struct pci_dev *pdev)
{
	u16 cap;

	if (!pdev->ats_cap)
		return -EINVAL;
	if (pdev->is_virtfn)
		return 0;
	pci_read_config_word(pdev, pdev->ats_cap + PCI_ATS_CAP, &cap);
	return PCI_ATS_CAP_QDEP(cap) ? PCI_ATS_CAP_QDEP(cap) : PCI_ATS_MAX_QDEP;
}
