#include "checker/conform/divergence.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "checker/input/itf.hpp"
#include "checker/traces/state_fields.hpp"

namespace atscheck {

namespace {

std::string initial_text(const System& sys, const ConcreteState& s) {
    std::string out;
    auto add = [&](const std::string& dev, const char* field, bool v) {
        out += (out.empty() ? "" : ", ") + dev + " " + field + (v ? " true" : " false");
    };
    for (int d = 0; d < sys.num_devices(); ++d) {
        const auto& dev = sys.scenario.devices[d];
        if (dev.ats_cap == InitBool::Any)
            add(dev.name, "ats_cap", s.pdev[d].ats_cap);
        if (dev.untrusted == InitBool::Any)
            add(dev.name, "untrusted", s.pdev[d].untrusted);
    }
    return out;
}

// The kernel function a model action enters by (model/kernel_site.hpp).
const char* entry_function(const System& sys, const ActionInstance& a) {
    switch (a.kind) {
    case ActionKind::Probe:
        return kfn::arm_smmu_probe_device.name;
    case ActionKind::AttachPrepare:
        return attach_entry_point(sys.scenario.domains[a.domain])->name;
    case ActionKind::AttachCommit:
        return kfn::arm_smmu_attach_commit.name;
    case ActionKind::Release:
        return kfn::arm_smmu_release_device.name;
    case ActionKind::ThirdPartyEnable:
        return kfn::third_party_enable.name;
    default:
        return "";
    }
}

// How the harness's "set" events name the value a model field reads
// (record, index, member); record empty when no event does.
std::tuple<std::string, int, std::string> watched_as(const FieldRef& at) {
    const std::string member = at.spec->name;
    switch (at.scope) {
    case FieldScope::Pdev:
        return {"pdev", at.device, member};
    case FieldScope::Master:
        return {member == "ats_enabled" || member == "probed" ? "master" : "", at.device, member};
    case FieldScope::Domain:
        return {"domain", at.domain, member};
    case FieldScope::DomainDevice: // a list's entries; an array's ATS users (its era)
        return {"domain", at.domain,
                member == "devices" || member == "pasid_devices" ? "devices" : "ats_invs"};
    case FieldScope::Flag:
        break;
    }
    return {"", -1, ""};
}

// Whether token i of a body writes `member`: assigned, counted by an atomic,
// or (for a devices list) added or deleted.
bool writes(const std::vector<CToken>& t, size_t i, const std::string& member) {
    const std::string& w = t[i].text;
    if (member == "devices")
        return w == "list_add" || w == "list_del" || w == "list_add_tail";
    // An invalidation array's ATS entries: their users counts.
    if (w != (member == "ats_invs" ? "users" : member))
        return false;
    if (t[i + 1].text == "=" || t[i + 1].text == "++" || t[i + 1].text == "--" ||
        (i > 0 && (t[i - 1].text == "++" || t[i - 1].text == "--")))
        return true;
    for (size_t k = i >= 6 ? i - 6 : 0; k < i; ++k)
        if (t[k].text.rfind("atomic_", 0) == 0)
            return true;
    return false;
}

// file:line[,line...] of the writes of `member` in the tree's `function`.
std::string write_lines(SourceTree& tree, const std::string& function, const std::string& member) {
    for (const char* file : {kSmmuFile, kAtsFile}) {
        const auto* t = tree.tokens(file);
        const auto f = t ? find_function(*t, function) : std::nullopt;
        if (!f)
            continue;
        std::set<int> lines;
        for (size_t i = f->body_begin; i + 1 < f->body_end; ++i)
            if (writes(*t, i, member))
                lines.insert((*t)[i].line);
        std::string out;
        for (int l : lines)
            out += (out.empty() ? std::string(file) + ":" : ",") + std::to_string(l);
        return out;
    }
    return "";
}

std::string step_text(const System& sys, const Trace& trace, size_t i) {
    return i == 0 ? "in the initial state"
                  : "at step " + std::to_string(i) + ", " +
                        action_label(sys, trace.steps[i - 1].action);
}

// Where the code's value of field `at` comes from: the last step whose code
// set it, with the tree's function and the lines in it that write it.
std::string where_set(SourceTree& tree, const System& sys, const Trace& trace,
                      const std::vector<const CodeState*>& steps, const FieldRef& at) {
    auto [record, index, member] = watched_as(at);
    // Where no array is watched (the list era), an entry's ATS is the list's.
    const bool arrays = std::any_of(steps.begin(), steps.end(), [](const CodeState* s) {
        return std::any_of(s->domain.begin(), s->domain.end(),
                           [](const CodeState::Domain& d) { return d.has_invs; });
    });
    if (member == "ats_invs" && !arrays)
        member = "devices";
    for (size_t i = steps.size(); i-- > 0;)
        for (auto e = steps[i]->events.rbegin(); e != steps[i]->events.rend(); ++e) {
            if (at.scope == FieldScope::Flag && (e->kind == "warn" || e->kind == "enable_failed"))
                return e->function + " (" + e->file + ":" + std::to_string(e->line) + ") " +
                       step_text(sys, trace, i);
            if (e->kind == "set" && e->record == record && e->index == index &&
                e->member == member) {
                const std::string lines = write_lines(tree, e->function, member);
                return e->function + (lines.empty() ? "" : " (" + lines + ")") + " " +
                       step_text(sys, trace, i);
            }
        }
    return "no step of the code's path set it";
}

} // namespace

Divergence divergence(const System& sys, const Trace& trace, std::string field, std::string model,
                      std::string code) {
    Divergence d;
    for (size_t i = 0; i + 1 < trace.steps.size(); ++i)
        d.path.push_back(action_label(sys, trace.steps[i].action));
    d.initial = initial_text(sys, trace.initial);
    if (!trace.steps.empty()) {
        d.action = action_label(sys, trace.steps.back().action);
        d.function = entry_function(sys, trace.steps.back().action);
    }
    d.field = std::move(field);
    d.model = std::move(model);
    d.code = std::move(code);
    d.itf = trace_to_itf(sys, trace,
                         {"", "lockstep", "the model's path to where the tree's code leaves it"});
    return d;
}

std::optional<Divergence> state_divergence(SourceTree& tree, const System& sys, const Trace& trace,
                                           const ConcreteState& code,
                                           const std::vector<const CodeState*>& steps) {
    std::optional<Divergence> out;
    visit_fields(
        [&](const FieldRef& at, const auto& m, const auto& c) {
            if (out || m == c)
                return;
            out = divergence(sys, trace, field_name(sys, at), format_value(sys, at.spec->kind, m),
                             format_value(sys, at.spec->kind, c));
            out->where = where_set(tree, sys, trace, steps, at);
        },
        trace.last(), code);
    return out;
}

} // namespace atscheck
