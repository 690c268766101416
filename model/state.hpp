// The model state (model-spec section 2), generic over a value domain V that
// supplies V::Bool and V::Int: plain bool/int for the concrete interpreter,
// z3::expr for the symbolic encoding. One definition, two interpretations.
//
// The state schema below is the one declaration of every field. Each row is
//   X(member, "user-visible name", Kind, "the kernel state it mirrors")
// and everything else is derived from it: the structs' members, visit_fields
// (and so packing, symbolic merging, comparison and the explicit engine's byte
// layout), field_count, shaped_state, the field names of traces, stories, PDR
// invariants and reports (checker/traces/state_fields.cpp), the ITF reader and writer,
// the range constraints and the symmetry blocks. tests/test_schema.cpp holds
// every view to the schema. Rows are in packed order: a new row changes the
// explicit engine's layout, nothing else.
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "model/system.hpp"

namespace atscheck {

constexpr int kNoDomain = -1; // master.domain / pending_domain when attached nowhere

// How a field's value reads and is shown.
enum class FieldKind {
    Bool,      // true / false
    Count,     // a counter or a number of entries (an ITF integer)
    Stu,       // 0 (never programmed) or the device's STU
    DomainRef, // kNoDomain or a domain index, shown by the domain's name
    Phase,     // idle (false) / prepared (true)
};

// What a field is indexed by, and so which record of a trace holds it.
enum class FieldScope {
    Pdev,         // per PCI function: pdev[d].name
    Master,       // per SMMU master: master[d].name
    Domain,       // per domain: domain[D].name
    DomainDevice, // per domain and master: domain[D].name[d]
    Flag,         // one per state: name
};

// struct pci_dev, the PCI core's view (drivers/pci/ats.c).
#define ATSCHECK_PDEV_FIELDS(X)                                                                    \
    X(ats_cap, "ats_cap", Bool,                                                                    \
      "pdev->ats_cap != 0: pci_ats_init found the capability; a quirk "                            \
      "(quirk_*_no_ats, a FINAL fixup) may zero it")                                               \
    X(untrusted, "untrusted", Bool, "pdev->untrusted: external-facing; set at enumeration")        \
    X(ats_stu, "ats_stu", Stu,                                                                     \
      "pdev->ats_stu: written by pci_prepare_ats and pci_enable_ats on a "                         \
      "PF; 0 = never programmed")                                                                  \
    X(ats_enabled, "ats_enabled", Bool,                                                            \
      "pdev->ats_enabled: the PCI core's record of the ATS "                                       \
      "Enable bit (pci_enable_ats sets it, pci_disable_ats "                                       \
      "clears it)")                                                                                \
    X(tp_active, "tp_active", Bool,                                                                \
      "the IOMMU core holds the function in a third party's regime, between "                      \
      "iommu_physical_regime_enter/iommu_tdisp_enter_t0 and their exits (timing kernel)")

// struct arm_smmu_master, the SMMUv3 driver's view (arm-smmu-v3.c).
#define ATSCHECK_MASTER_FIELDS(X)                                                                  \
    X(probed, "probed", Bool,                                                                      \
      "arm_smmu_probe_device succeeded and arm_smmu_release_device has "                           \
      "not run (dev_iommu_priv_get(dev) != NULL)")                                                 \
    X(ats_enabled, "ats_enabled", Bool,                                                            \
      "master->ats_enabled: the driver's belief, written at the "                                  \
      "end of arm_smmu_attach_commit")                                                             \
    X(domain, "domain", DomainRef,                                                                 \
      "the domain the STE points at (RID, SSID 0), installed by "                                  \
      "arm_smmu_attach_commit")                                                                    \
    X(prepared, "phase", Phase, "between arm_smmu_attach_prepare and arm_smmu_attach_commit")      \
    X(pending_domain, "pending_domain", DomainRef,                                                 \
      "arm_smmu_attach_state's new domain, carried "                                               \
      "from prepare to commit")                                                                    \
    X(pending_ats, "pending_ats", Bool,                                                            \
      "arm_smmu_attach_state.ats_enabled, carried from prepare "                                   \
      "to commit")                                                                                 \
    X(always_on, "always_on", Bool,                                                                \
      "master->ats_always_on, set by arm_smmu_master_prepare_ats at probe")                        \
    X(ops, "ops", Count,                                                                           \
      "IOMMU operations on the master since probe, saturating at 2; counted only "                 \
      "where a kernel-timed quirk reads it (the FINAL fixup follows the default attach)")          \
    X(pasid_domain, "pasid_domain", DomainRef,                                                     \
      "the domain of the master's one PASID (SSID 1), set by arm_smmu_set_pasid; "                 \
      "SSIDs are in use (master->cd_table.used_ssids) iff it is not none")                         \
    X(resetting, "resetting", Bool,                                                                \
      "between pci_dev_reset_iommu_prepare and pci_dev_reset_iommu_done "                          \
      "(gdev->blocked)")                                                                           \
    X(saved_domain, "saved_domain", DomainRef,                                                     \
      "the RID's domain the IOMMU core restores after a reset; none when the "                     \
      "prepare returned early (ATS not supported)")                                                \
    X(saved_pasid, "saved_pasid", DomainRef,                                                       \
      "the PASID's domain the IOMMU core restores after a reset")

// struct arm_smmu_domain, per domain (arm-smmu-v3.c).
#define ATSCHECK_DOMAIN_FIELDS(X)                                                                  \
    X(nr_ats_masters, "nr_ats_masters", Count,                                                     \
      "smmu_domain->nr_ats_masters: incremented in "                                               \
      "arm_smmu_attach_prepare, decremented in "                                                   \
      "arm_smmu_remove_master_domain")

// struct arm_smmu_domain, per domain and master (arm-smmu-v3.c).
#define ATSCHECK_DOMAIN_DEVICE_FIELDS(X)                                                           \
    X(devices, "devices", Count,                                                                   \
      "entries for the master on smmu_domain->devices (struct "                                    \
      "arm_smmu_master_domain)")                                                                   \
    X(ats_invs, "ats_invs", Count,                                                                 \
      "users of the master's ATS entries in smmu_domain->invs "                                    \
      "(arm_smmu_invs, merged in arm_smmu_attach_prepare)")                                        \
    X(pasid_devices, "pasid_devices", Count,                                                       \
      "entries for the master's PASID (SSID 1) on smmu_domain->devices")                           \
    X(pasid_invs, "pasid_invs", Count,                                                             \
      "users of the ATS invalidation entries of the master's PASID attachment")

// Sticky event flags: set once, never reset; the properties read them. A
// WARN's flag is named by its site: its line is the revision's
// (Revision::warn_lines), which reports show beside the name.
#define ATSCHECK_FLAG_FIELDS(X)                                                                    \
    X(warn_disable, "warn_disable", Bool,                                                          \
      "WARN_ON(!dev->ats_enabled) in pci_disable_ats (drivers/pci/ats.c)")                         \
    X(warn_enable, "warn_enable", Bool,                                                            \
      "WARN_ON(dev->ats_enabled) in pci_enable_ats (drivers/pci/ats.c)")                           \
    X(warn_prepare, "warn_prepare", Bool,                                                          \
      "WARN_ON(dev->ats_enabled) in pci_prepare_ats (drivers/pci/ats.c)")                          \
    X(enable_failed, "enable_failed", Bool,                                                        \
      "pci_enable_ats returned an error in "                                                       \
      "arm_smmu_attach_commit (arm_smmu_enable_ats)")                                              \
    X(probe_failed, "probe_failed", Bool, "arm_smmu_probe_device returned an error")

struct FieldSpec {
    const char* name; // user-visible: traces, stories, ITF, PDR invariants, reports
    FieldKind kind;
    const char* kernel; // the kernel state it mirrors
};

#define ATSCHECK_FIELD_SPEC(member, name, kind, kernel) FieldSpec{name, FieldKind::kind, kernel},
inline constexpr FieldSpec kPdevFields[] = {ATSCHECK_PDEV_FIELDS(ATSCHECK_FIELD_SPEC)};
inline constexpr FieldSpec kMasterFields[] = {ATSCHECK_MASTER_FIELDS(ATSCHECK_FIELD_SPEC)};
inline constexpr FieldSpec kDomainFields[] = {ATSCHECK_DOMAIN_FIELDS(ATSCHECK_FIELD_SPEC)};
inline constexpr FieldSpec kDomainDeviceFields[] = {
    ATSCHECK_DOMAIN_DEVICE_FIELDS(ATSCHECK_FIELD_SPEC)};
inline constexpr FieldSpec kFlagFields[] = {ATSCHECK_FLAG_FIELDS(ATSCHECK_FIELD_SPEC)};
#undef ATSCHECK_FIELD_SPEC

// The names the WARN flags had when they were named after baseline's lines;
// expressions and stored traces may still use them.
struct FlagAlias {
    std::string_view old_name, name;
};
inline constexpr FlagAlias kFlagAliases[] = {{"warn_disable_132", "warn_disable"},
                                             {"warn_enable_98", "warn_enable"},
                                             {"warn_prepare_67", "warn_prepare"}};

// The flag's name for `name`, itself or the one it is an alias of.
inline std::string_view current_flag_name(std::string_view name) {
    for (const auto& a : kFlagAliases)
        if (a.old_name == name)
            return a.name;
    return name;
}

constexpr bool is_boolean(FieldKind k) {
    return k == FieldKind::Bool || k == FieldKind::Phase;
}

// The value type of a field of kind K in the value domain V.
template <class V, FieldKind K>
using FieldValue = std::conditional_t<is_boolean(K), typename V::Bool, typename V::Int>;

#define ATSCHECK_MEMBER(member, name, kind, kernel) FieldValue<V, FieldKind::kind> member;
#define ATSCHECK_VECTOR_MEMBER(member, name, kind, kernel)                                         \
    std::vector<FieldValue<V, FieldKind::kind>> member;
#define ATSCHECK_MEMBER_POINTER(member, name, kind, kernel) &Self::member,

template <class V> struct PdevState {
    ATSCHECK_PDEV_FIELDS(ATSCHECK_MEMBER)
    using Self = PdevState;
    static constexpr auto members() {
        return std::tuple{ATSCHECK_PDEV_FIELDS(ATSCHECK_MEMBER_POINTER)};
    }
};

template <class V> struct MasterState {
    ATSCHECK_MASTER_FIELDS(ATSCHECK_MEMBER)
    using Self = MasterState;
    static constexpr auto members() {
        return std::tuple{ATSCHECK_MASTER_FIELDS(ATSCHECK_MEMBER_POINTER)};
    }
};

template <class V> struct DomainState {
    ATSCHECK_DOMAIN_FIELDS(ATSCHECK_MEMBER)
    ATSCHECK_DOMAIN_DEVICE_FIELDS(ATSCHECK_VECTOR_MEMBER) // indexed by master
    using Self = DomainState;
    static constexpr auto members() {
        return std::tuple{ATSCHECK_DOMAIN_FIELDS(ATSCHECK_MEMBER_POINTER)};
    }
    static constexpr auto device_members() {
        return std::tuple{ATSCHECK_DOMAIN_DEVICE_FIELDS(ATSCHECK_MEMBER_POINTER)};
    }
};

template <class V> struct EventFlags {
    ATSCHECK_FLAG_FIELDS(ATSCHECK_MEMBER)
    using Self = EventFlags;
    static constexpr auto members() {
        return std::tuple{ATSCHECK_FLAG_FIELDS(ATSCHECK_MEMBER_POINTER)};
    }
};

#undef ATSCHECK_MEMBER
#undef ATSCHECK_VECTOR_MEMBER
#undef ATSCHECK_MEMBER_POINTER

template <class V> struct State {
    std::vector<PdevState<V>> pdev;
    std::vector<MasterState<V>> master;
    std::vector<DomainState<V>> domain;
    EventFlags<V> flags;
};

// Where one field is: its schema row, scope and indices (-1 where the scope
// has none). visit_fields hands one to the visitor with each field.
struct FieldRef {
    const FieldSpec* spec;
    FieldScope scope;
    int device = -1;
    int domain = -1;
};

namespace detail {

// Picks the k-th field of a record: through its members() ...
struct Member {
    template <class R, class K> auto& operator()(R& rec, K) const {
        return rec.*std::get<K::value>(std::remove_const_t<R>::members());
    }
};
// ... or one master's entry of its k-th per-master vector.
struct DeviceEntry {
    int d;
    template <class R, class K> auto& operator()(R& rec, K) const {
        return (rec.*std::get<K::value>(std::remove_const_t<R>::device_members()))[d];
    }
};

// Calls f(at, field...) for the k-th field of each record, for every row k of
// `specs`. Each record type has its own member pointers, so a concrete and a
// symbolic state can be visited side by side.
template <class F, size_t N, class Pick, class... R>
void visit_members(F& f, FieldRef at, const FieldSpec (&specs)[N], Pick pick, R&... rec) {
    [&]<size_t... K>(std::index_sequence<K...>) {
        auto one = [&](auto k) {
            at.spec = &specs[k];
            f(at, pick(rec, k)...);
        };
        (one(std::integral_constant<size_t, K>{}), ...);
    }
    (std::make_index_sequence<N>{});
}

template <class V, FieldKind K>
FieldValue<V, K> fill(const typename V::Bool& b, const typename V::Int& i) {
    if constexpr (is_boolean(K))
        return b;
    else
        return i;
}

} // namespace detail

// Calls f(FieldRef, field_of_states...) for every field, in the schema's
// order, on one or more states of the same shape (of any value domains).
template <class F, class... S> void visit_fields(F&& f, S&... s) {
    const auto& first = std::get<0>(std::forward_as_tuple(s...));
    const int n_dev = static_cast<int>(first.pdev.size());
    const int n_dom = static_cast<int>(first.domain.size());
    using detail::Member, detail::DeviceEntry, detail::visit_members;
    for (int d = 0; d < n_dev; ++d) {
        visit_members(f, {nullptr, FieldScope::Pdev, d}, kPdevFields, Member{}, s.pdev[d]...);
        visit_members(f, {nullptr, FieldScope::Master, d}, kMasterFields, Member{}, s.master[d]...);
    }
    for (int D = 0; D < n_dom; ++D) {
        visit_members(f, {nullptr, FieldScope::Domain, -1, D}, kDomainFields, Member{},
                      s.domain[D]...);
        for (int d = 0; d < n_dev; ++d)
            visit_members(f, {nullptr, FieldScope::DomainDevice, d, D}, kDomainDeviceFields,
                          DeviceEntry{d}, s.domain[D]...);
    }
    visit_members(f, {nullptr, FieldScope::Flag}, kFlagFields, Member{}, s.flags...);
}

// visit_fields without the FieldRef: packing, merging and comparing.
template <class F, class... S> void zip_fields(F&& f, S&... s) {
    visit_fields([&](const FieldRef&, auto&... v) { f(v...); }, s...);
}

// Number of fields visit_fields visits for a system of this size.
inline int field_count(int devices, int domains) {
    const auto n = [](const auto& table) { return static_cast<int>(std::size(table)); };
    return devices * (n(kPdevFields) + n(kMasterFields)) +
           domains * (n(kDomainFields) + devices * n(kDomainDeviceFields)) + n(kFlagFields);
}

// A state of the right shape with every Boolean field set to `b` and every
// integer field to `i` (z3::expr has no default value, so the records are
// built whole).
template <class V>
State<V> shaped_state(int devices, int domains, typename V::Bool b, typename V::Int i) {
#define ATSCHECK_FILL(member, name, kind, kernel) detail::fill<V, FieldKind::kind>(b, i),
#define ATSCHECK_FILL_VECTOR(member, name, kind, kernel)                                           \
    std::vector<FieldValue<V, FieldKind::kind>>(devices, detail::fill<V, FieldKind::kind>(b, i)),
    return State<V>{
        std::vector<PdevState<V>>(devices, PdevState<V>{ATSCHECK_PDEV_FIELDS(ATSCHECK_FILL)}),
        std::vector<MasterState<V>>(devices, MasterState<V>{ATSCHECK_MASTER_FIELDS(ATSCHECK_FILL)}),
        std::vector<DomainState<V>>(
            domains, DomainState<V>{ATSCHECK_DOMAIN_FIELDS(ATSCHECK_FILL)
                                        ATSCHECK_DOMAIN_DEVICE_FIELDS(ATSCHECK_FILL_VECTOR)}),
        EventFlags<V>{ATSCHECK_FLAG_FIELDS(ATSCHECK_FILL)}};
#undef ATSCHECK_FILL
#undef ATSCHECK_FILL_VECTOR
}

} // namespace atscheck
