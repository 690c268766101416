// The branch points of the modelled kernel functions, for the coverage report:
// each is a condition inside one function, recorded by x.branch() each time the
// concrete model evaluates it (taken = the condition held). The symbolic
// interpretation evaluates every branch of the code a revision has, so it
// tells which sites exist for a system (see branch_sites in model/symbolic.hpp).
#pragma once

#include "model/enum_table.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace atscheck {

enum class Branch : uint8_t {
    PrepareAtsUnsupported,
    PrepareAtsBusy,
    PrepareVfStuMismatch,
    PreparePfStuProgrammed,
    EnableAtsUnsupported,
    EnableAtsBusy,
    EnableVfStuMismatch,
    EnableInjectedFault,
    EnableSucceeds,
    DisableAtsOff,
    ProbeFails,
    AttachPredictsAts,
    AttachCdNeedsAts,
    AttachDisablesOldAts,
    CommitEnablesAts,
    CommitEnableFailed,
    CommitLeavesOldDomain,
    CommitOldAttachmentHadAts,
    PasidPredictsAts,
    PasidDisablesAts,
    PasidDetachHadAts,
    LastSsidDowngrade,
    ResetPrepareSupported,
};

struct BranchInfo {
    Branch id;
    const char* function;  // the kernel function the condition is in
    const char* condition; // what "taken" means
};

inline constexpr std::array<BranchInfo, 23> kBranches{{
    {Branch::PrepareAtsUnsupported, "pci_prepare_ats", "!pci_ats_supported(dev): -EINVAL"},
    {Branch::PrepareAtsBusy, "pci_prepare_ats", "WARN_ON(dev->ats_enabled): -EBUSY"},
    {Branch::PrepareVfStuMismatch, "pci_prepare_ats", "VF: ps != pf->ats_stu: -EINVAL"},
    {Branch::PreparePfStuProgrammed, "pci_prepare_ats", "PF: dev->ats_stu = ps"},
    {Branch::EnableAtsUnsupported, "pci_enable_ats", "!pci_ats_supported(dev): -EINVAL"},
    {Branch::EnableAtsBusy, "pci_enable_ats", "WARN_ON(dev->ats_enabled): -EBUSY"},
    {Branch::EnableVfStuMismatch, "pci_enable_ats", "VF: ps != pf->ats_stu: -EINVAL"},
    {Branch::EnableInjectedFault, "pci_enable_ats", "injected fault: -EIO"},
    {Branch::EnableSucceeds, "pci_enable_ats", "Enable bit set: dev->ats_enabled = 1"},
    {Branch::DisableAtsOff, "pci_disable_ats", "WARN_ON(!dev->ats_enabled)"},
    {Branch::ProbeFails, "arm_smmu_probe_device", "probe-time pci_prepare_ats() fails the probe"},
    {Branch::AttachPredictsAts, "arm_smmu_attach_prepare",
     "state->ats_enabled = arm_smmu_ats_supported(): nr_ats_masters++"},
    {Branch::AttachCdNeedsAts, "arm_smmu_attach_prepare",
     "identity or blocked with cd_needs_ats (SSIDs in use; identity: ats_always_on): "
     "state->ats_enabled = supported"},
    {Branch::AttachDisablesOldAts, "arm_smmu_attach_prepare",
     "new domain without ATS, master->ats_enabled: pci_disable_ats()"},
    {Branch::CommitEnablesAts, "arm_smmu_attach_commit",
     "state->ats_enabled && !master->ats_enabled: arm_smmu_enable_ats()"},
    {Branch::CommitEnableFailed, "arm_smmu_attach_commit", "pci_enable_ats() != 0"},
    {Branch::CommitLeavesOldDomain, "arm_smmu_attach_commit",
     "arm_smmu_remove_master_domain(old paging domain)"},
    {Branch::CommitOldAttachmentHadAts, "arm_smmu_attach_commit",
     "old master->ats_enabled: nr_ats_masters--"},
    {Branch::PasidPredictsAts, "arm_smmu_set_pasid",
     "arm_smmu_ats_supported(): nr_ats_masters++ for the PASID"},
    {Branch::PasidDisablesAts, "arm_smmu_set_pasid",
     "PASID without ATS, master->ats_enabled: pci_disable_ats() for the whole function"},
    {Branch::PasidDetachHadAts, "arm_smmu_blocking_set_dev_pasid",
     "current master->ats_enabled: nr_ats_masters-- for the PASID"},
    {Branch::LastSsidDowngrade, "arm_smmu_blocking_set_dev_pasid",
     "no SSID left: the identity or blocked RID domain is re-attached"},
    {Branch::ResetPrepareSupported, "pci_dev_reset_iommu_prepare",
     "pci_ats_supported(): the RID and PASIDs are blocked for the reset"},
}};

static_assert(in_enum_order(kBranches, [](const BranchInfo& b) { return b.id; }),
              "kBranches must list the branches in enum order");

inline const BranchInfo& branch_info(Branch b) {
    return kBranches[static_cast<size_t>(b)];
}

// How often the concrete model evaluated each branch point, and to what.
struct BranchCounts {
    std::array<uint64_t, kBranches.size()> taken{}, not_taken{};
    void record(Branch b, bool c) { ++(c ? taken : not_taken)[static_cast<size_t>(b)]; }
};

} // namespace atscheck
