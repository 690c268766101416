// The model state (model-spec section 2), generic over a value domain V that
// supplies V::Bool and V::Int: plain bool/int for the concrete interpreter,
// z3::expr for the symbolic encoding. One definition, two interpretations.
#pragma once

#include <tuple>
#include <vector>

#include "model/system.hpp"

namespace atscheck {

constexpr int kNoDomain = -1; // master.domain / pending_domain when attached nowhere

template <class V> struct PdevState { // struct pci_dev, the PCI core's view
    typename V::Bool ats_cap;         // ATS capability present (a quirk may clear it)
    typename V::Bool untrusted;       // external-facing; constant after init
    typename V::Int ats_stu;          // 0 = never programmed
    typename V::Bool ats_enabled;     // the PCI core's record of the Enable bit
};

template <class V> struct MasterState { // struct arm_smmu_master, the driver's view
    typename V::Bool probed;
    typename V::Bool ats_enabled;   // the driver's belief
    typename V::Int domain;         // kNoDomain or a domain index
    typename V::Bool prepared;      // phase: prepared (true) or idle (false)
    typename V::Int pending_domain; // carried from attach_prepare to attach_commit
    typename V::Bool pending_ats;   // arm_smmu_attach_state.ats_enabled
};

template <class V> struct DomainState { // struct arm_smmu_domain
    typename V::Int nr_ats_masters;
    std::vector<typename V::Int> devices;  // entries on domain->devices, per master
    std::vector<typename V::Int> ats_invs; // users of master d's ATS invs entries
};

template <class V> struct EventFlags { // sticky: set once, never reset
    typename V::Bool warn_disable_132; // pci_disable_ats on a device with ATS off
    typename V::Bool warn_enable_98;   // pci_enable_ats on a device with ATS on
    typename V::Bool warn_prepare_67;  // pci_prepare_ats on a device with ATS on
    typename V::Bool enable_failed;    // pci_enable_ats failed in attach_commit
    typename V::Bool probe_failed;     // arm_smmu_probe_device returned an error
};

template <class V> struct State {
    std::vector<PdevState<V>> pdev;
    std::vector<MasterState<V>> master;
    std::vector<DomainState<V>> domain;
    EventFlags<V> flags;
};

// Calls f(field_of_states...) for every field, in one fixed order, on one or
// more states of the same shape. Packing, merging and comparing all use it, so
// a new field is added in exactly one place.
template <class F, class... S> void zip_fields(F&& f, S&... s) {
    const auto& first = std::get<0>(std::forward_as_tuple(s...));
    const size_t n_dev = first.pdev.size();
    for (size_t d = 0; d < n_dev; ++d) {
        f(s.pdev[d].ats_cap...);
        f(s.pdev[d].untrusted...);
        f(s.pdev[d].ats_stu...);
        f(s.pdev[d].ats_enabled...);
        f(s.master[d].probed...);
        f(s.master[d].ats_enabled...);
        f(s.master[d].domain...);
        f(s.master[d].prepared...);
        f(s.master[d].pending_domain...);
        f(s.master[d].pending_ats...);
    }
    const size_t n_dom = first.domain.size();
    for (size_t D = 0; D < n_dom; ++D) {
        f(s.domain[D].nr_ats_masters...);
        for (size_t d = 0; d < n_dev; ++d) {
            f(s.domain[D].devices[d]...);
            f(s.domain[D].ats_invs[d]...);
        }
    }
    f(s.flags.warn_disable_132...);
    f(s.flags.warn_enable_98...);
    f(s.flags.warn_prepare_67...);
    f(s.flags.enable_failed...);
    f(s.flags.probe_failed...);
}

// Number of fields zip_fields visits for a system of this size.
inline int field_count(int devices, int domains) {
    return devices * 10 + domains * (1 + 2 * devices) + 5;
}

// A state of the right shape with every field set to `b` or `i`.
template <class V>
State<V> shaped_state(int devices, int domains, typename V::Bool b, typename V::Int i) {
    using Ints = std::vector<typename V::Int>;
    return State<V>{
        std::vector<PdevState<V>>(devices, PdevState<V>{b, b, i, b}),
        std::vector<MasterState<V>>(devices, MasterState<V>{b, b, i, b, i, b}),
        std::vector<DomainState<V>>(domains, DomainState<V>{i, Ints(devices, i), Ints(devices, i)}),
        EventFlags<V>{b, b, b, b, b}};
}

} // namespace atscheck
