// The checked system's fixed part: the revision (driver behaviour knobs) and the
// scenario (topology and environment). Both are known before the search starts,
// so the model branches on them with plain C++ `if`s.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/mutants.hpp"

namespace atscheck {

// model-spec section 4: the revision knobs.
enum class AtsSupported { OwnCap, PfAware };
enum class PrepareVf { Noop, ValidateStu };
enum class ProbePrepare { AllIgnoreResult, SupportedIgnoreResult, SupportedFailProbe };
enum class EnableFailure { DevErr, Warn, Rollback };
// Nicolin Chen's ats_always_on (model-spec-2 B1): absent, as in the RFC (the
// last-SSID downgrade skipped for an always-on master), or as merged (also
// downgraded when the RID's domain is blocked).
enum class AtsAlwaysOn { Off, Rfc, Final };

// Line numbers of the WARN_ONs in drivers/pci/ats.c for this revision.
struct AtsWarnLines {
    int prepare = 67;
    int enable = 98;
    int disable = 132;
};

// A revision tied to a kernel tree (drafted by `atscheck conform --emit-revision`,
// docs/conformance.md): the tree it was read from and, per mirrored function,
// where its body was and its fingerprint, which `ci --kernel DIR` compares.
struct KernelFingerprint {
    std::string file;
    int line = 0;
    std::string fingerprint;
    bool operator==(const KernelFingerprint&) const = default;
};
struct KernelBinding {
    std::string tree; // `git describe` of the tree, or its Makefile's version
    std::map<std::string, KernelFingerprint> functions;
    // The model's actions the tree has no code for (a later era's functions), and why.
    std::map<std::string, std::string> unavailable;
};

struct Revision {
    std::string name;
    std::string description;
    std::string file;                 // the JSON it was read from (for reports)
    std::vector<std::string> sources; // kernel commits or mails it stands for
    AtsSupported ats_supported = AtsSupported::OwnCap;
    PrepareVf prepare_vf = PrepareVf::Noop;
    ProbePrepare probe_prepare = ProbePrepare::AllIgnoreResult;
    EnableFailure enable_failure = EnableFailure::DevErr;
    AtsAlwaysOn ats_always_on = AtsAlwaysOn::Off;
    AtsWarnLines warn_lines;
    std::optional<KernelBinding> kernel;
};

// A scenario may leave an initial boolean open: the checker explores both.
enum class InitBool { False, True, Any };

// sva: a PASID-only domain (arm_smmu_sva_set_dev_pasid). s2_parent: a stage-2
// domain allocated with IOMMU_HWPT_ALLOC_NEST_PARENT, attached to a RID only.
// nested: a vSTE over an s2_parent (arm_smmu_attach_dev_nested).
enum class DomainKind { Paging, Identity, Blocked, Sva, S2Parent, Nested };
// The guest's vSTE of a nested domain (model-spec-2 B3): S1 translation with
// EATS set or clear, bypass, or abort.
enum class Vste { S1Eats, S1, Bypass, Abort };
enum class LockDiscipline { Global, None };
// model-spec-2 A1. pf_first: VFs appear once the PF's driver is bound, so a VF
// is probed after its PF and released before it [I]. late_smmu: the SMMU
// driver probed after SR-IOV was enabled, so any order [I].
enum class ProbeOrder { PfFirst, LateSmmu };
// kernel: the environment acts only in the windows the kernel leaves it
// (model-spec-2 A2). adversarial: at any time (model-spec section 3).
enum class Timing { Kernel, Adversarial };

struct Device {
    std::string name;      // PCI BDF, e.g. 0000:01:00.1
    std::optional<int> pf; // index of the PF when this is an SR-IOV VF
    int stu = 12;          // __ffs(pgsize_bitmap) of the SMMU it sits behind
    std::string smmu;      // name of that SMMU
    InitBool ats_cap = InitBool::True;
    InitBool untrusted = InitBool::False;
    bool pasid = false; // PASID-capable (master->ssid_bits > 0); never a VF here
    // CXL.cache or a quirk-listed device (pci_ats_required() reads the PF's for a VF).
    bool ats_required = false;
    bool is_vf() const { return pf.has_value(); }
};

struct Domain {
    std::string name;
    DomainKind kind = DomainKind::Paging;
    int parent = -1;          // nested: its s2_parent's index
    Vste vste = Vste::S1Eats; // nested: the guest's vSTE
    // Domains that keep their own device list, nr_ats_masters and ATS
    // invalidations (struct arm_smmu_domain). Identity and blocked use plain
    // bypass/abort STEs; a nested domain's live in its parent
    // (to_smmu_domain_devices()).
    bool tracked() const {
        return kind == DomainKind::Paging || kind == DomainKind::S2Parent ||
               kind == DomainKind::Sva;
    }
    // A RID attach to it goes through arm_smmu_attach_prepare()'s counting
    // (an SVA domain takes PASIDs only).
    bool counted() const {
        return kind == DomainKind::Paging || kind == DomainKind::S2Parent ||
               kind == DomainKind::Nested;
    }
    // nested: !(vste copies EATS=0 from the guest) (a45dd3466302 [S]).
    bool disable_ats() const { return kind == DomainKind::Nested && vste == Vste::S1; }
};

// A domain a PASID can be attached to: S1 paging or SVA (arm_smmu_set_pasid).
inline bool pasid_capable_domain(const Domain& d) {
    return d.kind == DomainKind::Paging || d.kind == DomainKind::Sva;
}

struct Scenario {
    std::string name;
    std::string description;
    std::string file; // the JSON it was read from (for reports)
    std::vector<Device> devices;
    std::vector<Domain> domains;
    LockDiscipline lock = LockDiscipline::Global;
    ProbeOrder probe_order = ProbeOrder::PfFirst;
    Timing timing = Timing::Kernel;
    bool inject_enable_faults = false; // faults.enable: injected
    bool third_party_enable = false;   // environment actions third_party_enable/_disable
    int third_party_stu = 12;          // the STU the third party enables with
    bool quirk_clear_ats_cap = false;  // environment action
    bool reset = false;                // environment actions reset_prepare/reset_done (B4)
    bool release_with_pasid = false;   // release may run with a PASID attached [I]
    // The domain whose counters a RID attach to D moves: its parent for nested.
    int counted_at(int D) const {
        return domains[D].kind == DomainKind::Nested ? domains[D].parent : D;
    }
    bool has_pasid() const {
        for (const auto& d : devices)
            if (d.pasid)
                return true;
        return false;
    }
    bool kernel_timed() const { return timing == Timing::Kernel; }
    bool pf_first() const { return probe_order == ProbeOrder::PfFirst; }
    // Only a kernel-timed quirk reads master.ops; elsewhere it stays 0, so it
    // does not split states nothing tells apart.
    bool counts_ops() const { return quirk_clear_ats_cap && kernel_timed(); }
};

struct System {
    Revision revision;
    Scenario scenario;
    Mutant mutant = Mutant::None; // a seeded fault (atscheck mutate); None = the real model
    bool mutated(Mutant m) const { return mutant == m; }
    int num_devices() const { return static_cast<int>(scenario.devices.size()); }
    int num_domains() const { return static_cast<int>(scenario.domains.size()); }
};

const char* to_string(AtsSupported v);
const char* to_string(PrepareVf v);
const char* to_string(ProbePrepare v);
const char* to_string(EnableFailure v);
const char* to_string(AtsAlwaysOn v);
const char* to_string(ProbeOrder v);
const char* to_string(Timing v);
const char* to_string(DomainKind v);
const char* to_string(Vste v);
const char* to_string(LockDiscipline v);
const char* to_string(InitBool v);

} // namespace atscheck
