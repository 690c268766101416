#include "model/actions.hpp"

namespace atscheck {

namespace {
struct NamedAction {
    ActionKind kind;
    const char* name;
};
constexpr NamedAction kActionNames[] = {
    {ActionKind::Probe, "probe"},
    {ActionKind::AttachPrepare, "attach_prepare"},
    {ActionKind::AttachCommit, "attach_commit"},
    {ActionKind::Release, "release"},
    {ActionKind::ThirdPartyEnable, "third_party_enable"},
    {ActionKind::ThirdPartyDisable, "third_party_disable"},
    {ActionKind::QuirkClearAtsCap, "quirk_clear_ats_cap"},
    {ActionKind::PasidAttach, "pasid_attach"},
    {ActionKind::PasidDetach, "pasid_detach"},
    {ActionKind::ResetPrepare, "reset_prepare"},
    {ActionKind::ResetDone, "reset_done"},
};
} // namespace

const char* action_name(ActionKind k) {
    for (const auto& a : kActionNames)
        if (a.kind == k)
            return a.name;
    return "?";
}

bool parse_action_name(const std::string& name, ActionKind& out) {
    for (const auto& a : kActionNames)
        if (name == a.name) {
            out = a.kind;
            return true;
        }
    return false;
}

std::vector<ActionInstance> action_instances(const System& sys) {
    std::vector<ActionInstance> out;
    const int n = sys.num_devices();
    for (int d = 0; d < n; ++d) {
        out.push_back({ActionKind::Probe, d});
        for (int D = 0; D < sys.num_domains(); ++D)
            if (sys.scenario.domains[D].kind != DomainKind::Sva) // PASID only
                out.push_back({ActionKind::AttachPrepare, d, D});
        out.push_back({ActionKind::AttachCommit, d});
        out.push_back({ActionKind::Release, d});
        if (sys.scenario.third_party_enable) {
            out.push_back({ActionKind::ThirdPartyEnable, d});
            if (sys.scenario.kernel_timed()) // the regime's exit
                out.push_back({ActionKind::ThirdPartyDisable, d});
        }
        if (sys.scenario.quirk_clear_ats_cap)
            out.push_back({ActionKind::QuirkClearAtsCap, d});
        if (sys.scenario.devices[d].pasid) {
            for (int D = 0; D < sys.num_domains(); ++D)
                if (pasid_capable_domain(sys.scenario.domains[D]))
                    out.push_back({ActionKind::PasidAttach, d, D});
            out.push_back({ActionKind::PasidDetach, d});
        }
        if (sys.scenario.reset) {
            out.push_back({ActionKind::ResetPrepare, d});
            out.push_back({ActionKind::ResetDone, d});
        }
    }
    return out;
}

std::string action_label(const System& sys, const ActionInstance& a) {
    std::string label = action_name(a.kind);
    label += "(" + sys.scenario.devices[a.device].name;
    if (a.domain != kNoDomain)
        label += ", " + sys.scenario.domains[a.domain].name;
    return label + ")";
}

} // namespace atscheck
