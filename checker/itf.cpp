#include "checker/itf.hpp"

#include "checker/version.hpp"
#include "model/json_fields.hpp"
#include "model/load.hpp"

namespace atscheck {

namespace {

json bigint(int v) {
    return json{{"#bigint", std::to_string(v)}};
}

std::string domain_ref(const System& sys, int D) {
    return D == kNoDomain ? "none" : sys.scenario.domains[D].name;
}

json some(json v) {
    return json{{"tag", "Some"}, {"value", std::move(v)}};
}
json none() {
    return json{{"tag", "None"}, {"value", json::object()}};
}

const char* const kFlagVars[] = {"warn_disable_132", "warn_enable_98", "warn_prepare_67",
                                 "enable_failed", "probe_failed"};

json state_to_itf(const System& sys, const ConcreteState& s) {
    const auto& sc = sys.scenario;
    json pdev = json::array(), master = json::array(), domain = json::array();
    for (int d = 0; d < sys.num_devices(); ++d) {
        const auto& p = s.pdev[d];
        const auto& m = s.master[d];
        pdev.push_back({sc.devices[d].name,
                        {{"ats_cap", p.ats_cap},
                         {"untrusted", p.untrusted},
                         {"ats_stu", bigint(p.ats_stu)},
                         {"ats_enabled", p.ats_enabled}}});
        master.push_back({sc.devices[d].name,
                          {{"probed", m.probed},
                           {"ats_enabled", m.ats_enabled},
                           {"domain", domain_ref(sys, m.domain)},
                           {"phase", m.prepared ? "prepared" : "idle"},
                           {"pending_domain", domain_ref(sys, m.pending_domain)},
                           {"pending_ats", m.pending_ats}}});
    }
    for (int D = 0; D < sys.num_domains(); ++D) {
        json devices = json::array(), invs = json::array();
        for (int d = 0; d < sys.num_devices(); ++d) {
            devices.push_back({sc.devices[d].name, bigint(s.domain[D].devices[d])});
            invs.push_back({sc.devices[d].name, bigint(s.domain[D].ats_invs[d])});
        }
        domain.push_back({sc.domains[D].name,
                          {{"nr_ats_masters", bigint(s.domain[D].nr_ats_masters)},
                           {"devices", {{"#map", devices}}},
                           {"ats_invs", {{"#map", invs}}}}});
    }
    json out{
        {"pdev", {{"#map", pdev}}}, {"master", {{"#map", master}}}, {"domain", {{"#map", domain}}}};
    const bool flags[] = {s.flags.warn_disable_132, s.flags.warn_enable_98, s.flags.warn_prepare_67,
                          s.flags.enable_failed, s.flags.probe_failed};
    for (size_t i = 0; i < std::size(kFlagVars); ++i)
        out[kFlagVars[i]] = flags[i];
    return out;
}

json picks_to_itf(const System& sys, const TraceStep* step) {
    json picks{{"device", none()}, {"domain", none()}, {"enable_fails", none()}};
    if (!step)
        return picks;
    picks["device"] = some(sys.scenario.devices[step->action.device].name);
    if (step->action.domain != kNoDomain)
        picks["domain"] = some(sys.scenario.domains[step->action.domain].name);
    for (const auto& p : step->picks)
        picks[p.name] = some(p.value);
    return picks;
}

// --- reading -------------------------------------------------------------

struct Reader {
    const std::string& file;
    const System& sys;

    [[noreturn]] void fail(const std::string& where, const std::string& what) const {
        throw InputError(file, where, what);
    }

    bool boolean(const json& j, const std::string& where) const {
        if (!j.is_boolean())
            fail(where, "expected true or false");
        return j.get<bool>();
    }

    int integer(const json& j, const std::string& where) const {
        if (!j.is_object() || j.size() != 1 || !j.contains("#bigint") || !j["#bigint"].is_string())
            fail(where, "expected an ITF integer {\"#bigint\": \"...\"}");
        const std::string text = j["#bigint"].get<std::string>();
        size_t used = 0;
        long v = 0;
        try {
            v = std::stol(text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != text.size() || text.empty() || v < -128 || v > 127)
            fail(where, "\"" + text + "\" is not an integer the model can hold (-128..127)");
        return static_cast<int>(v);
    }

    int domain_ref(const json& j, const std::string& where) const {
        if (!j.is_string())
            fail(where, "expected a domain name or \"none\"");
        const auto name = j.get<std::string>();
        if (name == "none")
            return kNoDomain;
        for (int D = 0; D < sys.num_domains(); ++D)
            if (sys.scenario.domains[D].name == name)
                return D;
        fail(where, "no domain named \"" + name + "\" in the scenario");
    }

    // A {"#map": [[name, value], ...]} with exactly the given names, in order.
    template <class Names, class F>
    void map(const json& j, const std::string& where, const Names& names, F&& each) const {
        if (!j.is_object() || !j.contains("#map") || !j["#map"].is_array())
            fail(where, "expected an ITF map {\"#map\": [...]}");
        const json& entries = j["#map"];
        if (entries.size() != names.size())
            fail(where, "expected " + std::to_string(names.size()) + " entries, found " +
                            std::to_string(entries.size()));
        for (size_t i = 0; i < entries.size(); ++i) {
            const std::string at = where + ".#map[" + std::to_string(i) + "]";
            if (!entries[i].is_array() || entries[i].size() != 2 || !entries[i][0].is_string())
                fail(at, "expected a [key, value] pair");
            if (entries[i][0].get<std::string>() != names[i].name)
                fail(at, "expected the entry for \"" + names[i].name + "\", found \"" +
                             entries[i][0].get<std::string>() + "\"");
            each(i, entries[i][1], at + "[1]");
        }
    }

    ConcreteState state(const json& j, const std::string& where) const {
        ConcreteState s = shaped_state<Concrete>(sys.num_devices(), sys.num_domains(), false, 0);
        JsonFields f(file, j, where);
        const auto& devs = sys.scenario.devices;
        map(f.raw("pdev"), f.path("pdev"), devs,
            [&](size_t d, const json& v, const std::string& at) {
                JsonFields r(file, v, at);
                auto& p = s.pdev[d];
                p.ats_cap = boolean(r.raw("ats_cap"), r.path("ats_cap"));
                p.untrusted = boolean(r.raw("untrusted"), r.path("untrusted"));
                p.ats_stu = integer(r.raw("ats_stu"), r.path("ats_stu"));
                p.ats_enabled = boolean(r.raw("ats_enabled"), r.path("ats_enabled"));
                r.finish();
            });
        map(f.raw("master"), f.path("master"), devs,
            [&](size_t d, const json& v, const std::string& at) {
                JsonFields r(file, v, at);
                auto& m = s.master[d];
                m.probed = boolean(r.raw("probed"), r.path("probed"));
                m.ats_enabled = boolean(r.raw("ats_enabled"), r.path("ats_enabled"));
                m.domain = domain_ref(r.raw("domain"), r.path("domain"));
                m.prepared = r.one_of("phase", {"idle", "prepared"}) == "prepared";
                m.pending_domain = domain_ref(r.raw("pending_domain"), r.path("pending_domain"));
                m.pending_ats = boolean(r.raw("pending_ats"), r.path("pending_ats"));
                r.finish();
            });
        map(f.raw("domain"), f.path("domain"), sys.scenario.domains,
            [&](size_t D, const json& v, const std::string& at) {
                JsonFields r(file, v, at);
                auto& dom = s.domain[D];
                dom.nr_ats_masters = integer(r.raw("nr_ats_masters"), r.path("nr_ats_masters"));
                map(r.raw("devices"), r.path("devices"), devs,
                    [&](size_t d, const json& c, const std::string& p) {
                        dom.devices[d] = integer(c, p);
                    });
                map(r.raw("ats_invs"), r.path("ats_invs"), devs,
                    [&](size_t d, const json& c, const std::string& p) {
                        dom.ats_invs[d] = integer(c, p);
                    });
                r.finish();
            });
        bool* flags[] = {&s.flags.warn_disable_132, &s.flags.warn_enable_98,
                         &s.flags.warn_prepare_67, &s.flags.enable_failed, &s.flags.probe_failed};
        for (size_t i = 0; i < std::size(kFlagVars); ++i)
            *flags[i] = boolean(f.raw(kFlagVars[i]), f.path(kFlagVars[i]));
        f.raw("mbt::actionTaken");
        f.raw("mbt::nondetPicks");
        f.raw("#meta");
        f.finish();
        return s;
    }

    // The optional value of a Quint Option {"tag": "Some"|"None", "value": v}.
    const json* option(const json& j, const std::string& where) const {
        if (!j.is_object() || !j.contains("tag") || !j.contains("value") || j.size() != 2)
            fail(where, "expected {\"tag\": \"Some\"|\"None\", \"value\": ...}");
        if (j["tag"] == "None")
            return nullptr;
        if (j["tag"] != "Some")
            fail(where + ".tag", "expected \"Some\" or \"None\"");
        return &j["value"];
    }

    TraceStep step(const json& j, const std::string& where, ConcreteState state) const {
        TraceStep st{{ActionKind::Probe, 0}, {}, std::move(state)};
        const json& taken = j["mbt::actionTaken"];
        const std::string at_action = where + ".mbt::actionTaken";
        if (!taken.is_string() || !parse_action_name(taken.get<std::string>(), st.action.kind))
            fail(at_action, "unknown action " + taken.dump());
        const json& picks = j["mbt::nondetPicks"];
        const std::string at_picks = where + ".mbt::nondetPicks";
        if (!picks.is_object())
            fail(at_picks, "expected a record of picks");
        bool has_device = false;
        for (auto it = picks.begin(); it != picks.end(); ++it) {
            const std::string at = at_picks + "." + it.key();
            const json* v = option(it.value(), at);
            if (!v)
                continue;
            if (it.key() == "device") {
                if (!v->is_string())
                    fail(at, "expected a device name");
                int d = 0;
                while (d < sys.num_devices() &&
                       sys.scenario.devices[d].name != v->get<std::string>())
                    ++d;
                if (d == sys.num_devices())
                    fail(at, "no device named " + v->dump() + " in the scenario");
                st.action.device = d;
                has_device = true;
            } else if (it.key() == "domain") {
                st.action.domain = domain_ref(*v, at + ".value");
            } else {
                st.picks.push_back({it.key(), boolean(*v, at + ".value")});
            }
        }
        if (!has_device)
            fail(at_picks + ".device", "every step names its device");
        if ((st.action.kind == ActionKind::AttachPrepare) != (st.action.domain != kNoDomain))
            fail(at_picks + ".domain", "attach_prepare, and only it, names a domain");
        return st;
    }
};

} // namespace

json trace_to_itf(const System& sys, const Trace& trace, const TraceMeta& meta) {
    json vars = json::array({"pdev", "master", "domain"});
    for (const char* f : kFlagVars)
        vars.push_back(f);
    vars.push_back("mbt::actionTaken");
    vars.push_back("mbt::nondetPicks");
    json states = json::array();
    auto add = [&](const ConcreteState& s, const TraceStep* step) {
        json j = state_to_itf(sys, s);
        j["#meta"] = {{"index", states.size()},
                      {"label", step ? action_label(sys, step->action) : "init"}};
        j["mbt::actionTaken"] = step ? action_name(step->action.kind) : "init";
        j["mbt::nondetPicks"] = picks_to_itf(sys, step);
        states.push_back(std::move(j));
    };
    add(trace.initial, nullptr);
    for (const auto& step : trace.steps)
        add(step.state, &step);
    return json{{"#meta",
                 {{"format", "ITF"},
                  {"format-description", "https://apalache-mc.org/docs/adr/015adr-trace.html"},
                  {"source", "atscheck"},
                  {"tool", std::string("atscheck ") + kToolVersion},
                  {"description", meta.description},
                  {"revision", sys.revision.name},
                  {"scenario", sys.scenario.name},
                  {"property", meta.property},
                  {"engine", meta.engine},
                  {"revision_spec", revision_to_json(sys.revision)},
                  {"scenario_spec", scenario_to_json(sys.scenario)}}},
                {"vars", vars},
                {"states", states}};
}

ItfTrace trace_from_itf(const std::string& file, const json& j) {
    JsonFields top(file, j, "$");
    const json& meta_json = top.raw("#meta");
    JsonFields meta(file, meta_json, "$.#meta");
    ItfTrace out;
    out.meta.property = meta.string("property");
    out.meta.engine = meta.string("engine");
    out.meta.description = meta.string_or("description", "");
    out.system.revision =
        revision_from_json(file, meta.raw("revision_spec"), meta.path("revision_spec"));
    out.system.scenario = scenario_from_json(file, meta.raw("scenario_spec"), std::nullopt,
                                             meta.path("scenario_spec"));
    // The remaining #meta keys (tool, format, ...) are informative.
    top.raw("vars");
    const json& states = top.array("states");
    top.finish();
    if (states.empty())
        top.fail("$.states", "a trace needs at least its initial state");
    Reader r{file, out.system};
    for (size_t i = 0; i < states.size(); ++i) {
        const std::string where = "$.states[" + std::to_string(i) + "]";
        ConcreteState s = r.state(states[i], where);
        if (i == 0)
            out.trace.initial = std::move(s);
        else
            out.trace.steps.push_back(r.step(states[i], where, std::move(s)));
    }
    return out;
}

} // namespace atscheck
