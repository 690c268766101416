// SPDX-License-Identifier: MIT
/*
 * A fixture of atscheck's own writing, shaped like
 * drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c: the functions the model mirrors
 * with bodies that only resemble the driver's. tests/test_conform.cpp fills
 * each @...@ in: the probe's pci_prepare_ats(), the enable's failure
 * handling, and whether ats_always_on is there.
 */
#include <linux/pci.h>

static bool arm_smmu_ats_supported(struct arm_smmu_master *master);
static int arm_smmu_attach_prepare(struct arm_smmu_attach_state *state,
				   struct iommu_domain *new_domain);

#define ARM_SMMU_FIXTURE_LOOKUP(x) { (x), "arm_smmu_attach_commit(" }

static struct iommu_device *arm_smmu_probe_device(struct device *dev)
{
	struct arm_smmu_master *master;
	size_t stu;
	int ret;

	master = arm_smmu_alloc_master(dev);
	if (!master)
		return ERR_PTR(-ENOMEM);
	stu = __ffs(master->smmu->pgsize_bitmap);

	if (arm_smmu_ats_supported(master)) {
		ret = pci_prepare_ats(to_pci_dev(dev), stu);
		if (ret)
			goto err_free_master;
	}
	return &master->smmu->iommu;

err_free_master:
	kfree(master);
	return ERR_PTR(ret);
}

static void arm_smmu_enable_ats(struct arm_smmu_master *master)
{
	struct pci_dev *pdev = to_pci_dev(master->dev);
	size_t stu = __ffs(master->smmu->pgsize_bitmap);

	/* Invalidate the whole ATC before enabling: { not a brace } */
	arm_smmu_atc_inv_master(master, IOMMU_NO_PASID);
	if (pci_enable_ats(pdev, stu))
		arm_smmu_undo_ats(master);
}

static int arm_smmu_attach_prepare(struct arm_smmu_attach_state *state,
				   struct iommu_domain *new_domain)
{
	struct arm_smmu_master *master = state->master;

	state->ats_enabled = !state->disable_ats && arm_smmu_ats_supported(master);
	if (state->ats_enabled)
		master_domain_ats_inc(new_domain);
	return 0;
}

static void arm_smmu_attach_commit(struct arm_smmu_attach_state *state)
{
	struct arm_smmu_master *master = state->master;

	if (state->ats_enabled && !master->ats_enabled)
		arm_smmu_enable_ats(master);
	else if (master->ats_enabled && !state->ats_enabled)
		arm_smmu_disable_ats(master);
	master->ats_enabled = state->ats_enabled;
}

static int arm_smmu_attach_dev_ste(struct iommu_domain *domain, struct device *dev,
				   struct arm_smmu_ste *ste, unsigned int s1dss)
{
	struct arm_smmu_attach_state state = { .master = dev_iommu_priv_get(dev) };

	arm_smmu_attach_prepare(&state, domain);
	arm_smmu_install_ste_for_dev(state.master, ste);
	arm_smmu_attach_commit(&state);
	return 0;
}

static int arm_smmu_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct arm_smmu_attach_state state = { .master = dev_iommu_priv_get(dev) };
	int ret = arm_smmu_attach_prepare(&state, domain);

	if (ret)
		return ret;
	arm_smmu_install_ste_for_dev(state.master, NULL);
	arm_smmu_attach_commit(&state);
	return 0;
}

static int arm_smmu_attach_dev_identity(struct iommu_domain *domain, struct device *dev)
{
	return arm_smmu_attach_dev_ste(domain, dev, NULL, STRTAB_STE_1_S1DSS_BYPASS);
}

static int arm_smmu_attach_dev_blocked(struct iommu_domain *domain, struct device *dev)
{
	return arm_smmu_attach_dev_ste(domain, dev, NULL, STRTAB_STE_1_S1DSS_TERMINATE);
}

int arm_smmu_set_pasid(struct arm_smmu_master *master, struct arm_smmu_domain *smmu_domain,
		       ioasid_t pasid, struct arm_smmu_cd *cd, struct iommu_domain *old)
{
	struct arm_smmu_attach_state state = { .master = master, .ssid = pasid };

	return arm_smmu_attach_prepare(&state, &smmu_domain->domain);
}

static int arm_smmu_s1_set_dev_pasid(struct iommu_domain *domain, struct device *dev,
				     ioasid_t id, struct iommu_domain *old)
{
	return arm_smmu_set_pasid(dev_iommu_priv_get(dev), to_smmu_domain(domain), id, NULL, old);
}

static int arm_smmu_blocking_set_dev_pasid(struct iommu_domain *new_domain, struct device *dev,
					   ioasid_t pasid, struct iommu_domain *old_domain)
{
	arm_smmu_clear_cd(dev_iommu_priv_get(dev), pasid);
	return 0;
}

static void arm_smmu_release_device(struct device *dev)
{
	struct arm_smmu_master *master = dev_iommu_priv_get(dev);

	if (WARN_ON(arm_smmu_master_sva_enabled(master)))
		iopf_queue_remove_device(master->smmu->evtq.iopf, dev);
	kfree(master);
}
