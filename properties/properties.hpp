// The invariants of model-spec section 5: a name, a one-line meaning, the kernel
// symptom when broken, and a predicate over the state that is generic like the
// model, so every engine checks the very same formula.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/state.hpp"

namespace atscheck {

enum class PropertyId {
    NrAtsMastersConsistent,
    DisableOnlyWhenEnabled,
    EnableOnlyWhenDisabled,
    EnableNeverFails,
    DriverMirrorsDevice,
    AtcInvalidationCoversAts,
    CountersNonnegative,
    ProbeSucceeds,
};

struct PropertyInfo {
    PropertyId id;
    const char* name;
    const char* meaning;
    const char* symptom;
};

// All properties, in the order of model-spec section 5.
const std::vector<PropertyInfo>& all_properties();
const PropertyInfo& property_info(PropertyId id);
std::optional<PropertyId> find_property(const std::string& name);

// No master is between attach_prepare and attach_commit.
template <class X> typename X::Bool quiescent(X& x) {
    auto q = x.lit(true);
    for (const auto& m : x.s.master)
        q = q && !m.prepared;
    return q;
}

// Whether property `id` holds in the state x.s.
template <class X> typename X::Bool property_holds(X& x, const System& sys, PropertyId id) {
    const auto& s = x.s;
    const int n = sys.num_devices();
    auto all = x.lit(true);
    switch (id) {
    case PropertyId::NrAtsMastersConsistent:
        for (int D = 0; D < sys.num_domains(); ++D) {
            if (!sys.scenario.domains[D].tracked())
                continue;
            const auto& dom = s.domain[D];
            auto really_on = x.num(0); // entries on D.devices whose PCI ATS is on
            for (int d = 0; d < n; ++d)
                really_on = really_on + x.ite(s.pdev[d].ats_enabled, dom.devices[d], x.num(0));
            all = all && dom.nr_ats_masters == really_on;
        }
        return !quiescent(x) || all;
    case PropertyId::DisableOnlyWhenEnabled:
        return !s.flags.warn_disable_132;
    case PropertyId::EnableOnlyWhenDisabled:
        return !s.flags.warn_enable_98;
    case PropertyId::EnableNeverFails:
        return !s.flags.enable_failed;
    case PropertyId::DriverMirrorsDevice:
        for (int d = 0; d < n; ++d)
            all = all && (!s.master[d].probed || s.master[d].ats_enabled == s.pdev[d].ats_enabled);
        return !quiescent(x) || all;
    case PropertyId::AtcInvalidationCoversAts:
        for (int D = 0; D < sys.num_domains(); ++D) {
            if (!sys.scenario.domains[D].tracked())
                continue;
            for (int d = 0; d < n; ++d)
                all = all && (!(s.pdev[d].ats_enabled && s.master[d].domain == D) ||
                              s.domain[D].ats_invs[d] >= 1);
        }
        return all;
    case PropertyId::CountersNonnegative:
        for (const auto& dom : s.domain) {
            all = all && dom.nr_ats_masters >= 0;
            for (const auto& users : dom.ats_invs)
                all = all && users >= 0;
        }
        return all;
    case PropertyId::ProbeSucceeds:
        return !s.flags.probe_failed;
    }
    return x.lit(false);
}

} // namespace atscheck
