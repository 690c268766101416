// The actions of model-spec section 3: one atomic step each. An action instance
// fixes its concrete arguments (device, domain); the symbolic transition relation
// is the disjunction over instances, the explicit engine tries each in turn.
#pragma once

#include <string>
#include <vector>

#include "model/smmu_driver.hpp"

namespace atscheck {

enum class ActionKind {
    Probe,
    AttachPrepare,
    AttachCommit,
    Release,
    ThirdPartyEnable,
    QuirkClearAtsCap,
};

const char* action_name(ActionKind k);
bool parse_action_name(const std::string& name, ActionKind& out);

struct ActionInstance {
    ActionKind kind;
    int device;
    int domain = kNoDomain; // only attach_prepare has one
};

// Every action instance the scenario allows, in a fixed order (the step input).
std::vector<ActionInstance> action_instances(const System& sys);

// The trace label, e.g. attach_prepare(0000:01:00.1, dma).
std::string action_label(const System& sys, const ActionInstance& a);

// The action's guard, over the state x.s.
template <class X>
typename X::Bool action_enabled(X& x, const System& sys, const ActionInstance& a) {
    const auto& m = x.s.master[a.device];
    switch (a.kind) {
    case ActionKind::Probe:
        return !m.probed;
    case ActionKind::AttachPrepare: {
        // The IOMMU core returns early when the group is already attached to D.
        auto ok = m.probed && !m.prepared && m.domain != a.domain;
        // arm_smmu_asid_lock is held from prepare to commit.
        if (sys.scenario.lock == LockDiscipline::Global)
            for (int o = 0; o < sys.num_devices(); ++o)
                if (o != a.device)
                    ok = ok && !x.s.master[o].prepared;
        return ok;
    }
    case ActionKind::AttachCommit:
        return m.prepared;
    case ActionKind::Release: {
        // iommu_deinit_device() attaches the blocked release_domain first.
        auto parked = m.domain == kNoDomain;
        for (int D = 0; D < sys.num_domains(); ++D)
            if (sys.scenario.domains[D].kind == DomainKind::Blocked)
                parked = parked || m.domain == D;
        return m.probed && !m.prepared && parked;
    }
    case ActionKind::ThirdPartyEnable:
        // A caller outside the driver that checks pdev->ats_enabled first; one that
        // enables twice is its own bug, not the driver's.
        return !x.s.pdev[a.device].ats_enabled;
    case ActionKind::QuirkClearAtsCap:
        return x.s.pdev[a.device].ats_cap;
    }
    return x.lit(false);
}

// The action's effect on x.s; call only where action_enabled holds.
template <class X> void apply_action(X& x, const System& sys, const ActionInstance& a) {
    switch (a.kind) {
    case ActionKind::Probe:
        arm_smmu_probe_device(x, sys, a.device);
        break;
    case ActionKind::AttachPrepare:
        arm_smmu_attach_prepare(x, sys, a.device, a.domain);
        break;
    case ActionKind::AttachCommit:
        arm_smmu_attach_commit(x, sys, a.device);
        break;
    case ActionKind::Release:
        arm_smmu_release_device(x, sys, a.device);
        break;
    case ActionKind::ThirdPartyEnable: {
        auto frame = x.enter(&kfn::third_party_enable);
        pci_enable_ats(x, sys, a.device, sys.scenario.devices[a.device].stu);
        break;
    }
    case ActionKind::QuirkClearAtsCap:
        // A late (FINAL) fixup zeroes pdev->ats_cap after the IOMMU probe.
        x.s.pdev[a.device].ats_cap = x.lit(false);
        break;
    }
}

} // namespace atscheck
