// Seeded faults for `atscheck mutate`: each mutant changes one step of the
// modelled kernel code, at a point marked `sys.mutated(Mutant::X)` next to the
// code it breaks. A property set is only as good as the faults it notices: a
// mutant that changes no verdict on any revision x scenario survives.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace atscheck {

enum class Mutant : uint8_t {
    None,
    DropDecrement,
    SkipDisable,
    EnableWithoutStuCheck,
    SkipIncrement,
    SkipInvalidationMerge,
    DoubleIncrement,
    DisableWhenAtsOff,
    CommitKeepsOldDomain,
    ProbeSkipsPrepare,
    EnableIgnoresBusy,
    IdentityIgnoresAlwaysOn,
    RegimeExitKeepsAts,
    PasidDetachAlwaysDecrements,
    ResetSkipsBlockedAttach,
    InvsCappedAtFour,
    LeaveAtsReadsFirstMaster,
};

struct MutantInfo {
    Mutant id;
    const char* name;     // for --mutant and reports
    const char* function; // the kernel function it changes
    const char* fault;    // what the change does
    // The fewest PF/VF pairs of the fleet scenario that show it, when the
    // shipped fleet's are too few (`mutate` then adds fleet-N); 0 otherwise.
    int min_pairs = 0;
    // It treats alike devices differently by their index, so the symmetry
    // reduction (checker/engines/symmetry.hpp) would be unsound under it and
    // is off. tests/test_all_n.cpp holds this mark to the interchangeability
    // obligations: they fail under exactly the mutants that carry it.
    bool breaks_symmetry = false;
};

inline constexpr std::array<MutantInfo, 16> kMutants{{
    {Mutant::DropDecrement, "drop_decrement", "arm_smmu_attach_commit",
     "leaving a domain, the old attachment's nr_ats_masters-- is dropped"},
    {Mutant::SkipDisable, "skip_disable", "arm_smmu_attach_prepare",
     "moving to a domain without ATS, pci_disable_ats() is not called"},
    {Mutant::EnableWithoutStuCheck, "enable_without_stu_check", "pci_enable_ats",
     "a VF is enabled even when its STU differs from the PF's ats_stu"},
    {Mutant::SkipIncrement, "commit_before_increment", "arm_smmu_attach_prepare",
     "nr_ats_masters++ is lost: commit enables ATS that prepare never counted"},
    {Mutant::SkipInvalidationMerge, "skip_invalidation_merge", "arm_smmu_attach_prepare",
     "arm_smmu_invs_merge() is skipped: no ATS invalidation entry for the master"},
    {Mutant::DoubleIncrement, "double_increment", "arm_smmu_attach_prepare",
     "nr_ats_masters is incremented twice"},
    {Mutant::DisableWhenAtsOff, "disable_when_ats_off", "arm_smmu_attach_prepare",
     "pci_disable_ats() is called on leaving ATS whatever master->ats_enabled says"},
    {Mutant::CommitKeepsOldDomain, "commit_keeps_old_domain", "arm_smmu_attach_commit",
     "arm_smmu_remove_master_domain(old) is skipped"},
    {Mutant::ProbeSkipsPrepare, "probe_skips_prepare", "arm_smmu_probe_device",
     "probe does not call pci_prepare_ats(), so a PF's STU is never programmed early"},
    {Mutant::EnableIgnoresBusy, "enable_ignores_busy", "pci_enable_ats",
     "the WARN_ON(dev->ats_enabled) check is gone: an enabled device is enabled again"},
    {Mutant::IdentityIgnoresAlwaysOn, "identity_ignores_always_on", "arm_smmu_attach_prepare",
     "an identity attach never sets cd_needs_ats: an always-on master loses ATS"},
    {Mutant::RegimeExitKeepsAts, "regime_exit_keeps_ats", "iommu_physical_regime_exit",
     "leaving the physical regime does not disable the ATS its enter enabled"},
    {Mutant::PasidDetachAlwaysDecrements, "pasid_detach_always_decrements",
     "arm_smmu_blocking_set_dev_pasid",
     "the PASID's nr_ats_masters-- is taken whatever master->ats_enabled says"},
    {Mutant::ResetSkipsBlockedAttach, "reset_skips_blocked_attach", "pci_dev_reset_iommu_prepare",
     "the reset does not attach the blocked domain to the RID first"},
    // Reads the other units' state, so the all-N proof must not hold for it
    // (tests/test_all_n.cpp): two pairs have four masters, three have six.
    {Mutant::InvsCappedAtFour, "invs_capped_at_four", "arm_smmu_attach_prepare",
     "arm_smmu_invs_merge() finds no room once the SMMU has more than four probed masters, "
     "and the master's ATS invalidation entry is dropped",
     3},
    // Breaks only the interchangeability of alike units: the first PF/VF unit
    // reads its own master, so the one-unit system and the first unit's
    // non-interference obligations are as without it (tests/test_all_n.cpp).
    {Mutant::LeaveAtsReadsFirstMaster, "leave_ats_reads_first_master", "arm_smmu_attach_prepare",
     "whether the master leaves ATS is read from the ats_enabled of the SMMU's first master of "
     "its kind (PF or VF: a list_first_entry() in place of the master)",
     0, true},
}};

// The seeded fault's entry; nullptr for Mutant::None, the real model.
inline const MutantInfo* mutant_info(Mutant id) {
    for (const auto& m : kMutants)
        if (m.id == id)
            return &m;
    return nullptr;
}

inline bool breaks_symmetry(Mutant id) {
    const MutantInfo* m = mutant_info(id);
    return m && m->breaks_symmetry;
}

inline const MutantInfo* find_mutant(const std::string& name) {
    for (const auto& m : kMutants)
        if (name == m.name)
            return &m;
    return nullptr;
}

} // namespace atscheck
