#include "checker/input/itf.hpp"

#include "checker/input/json_fields.hpp"
#include "checker/input/load.hpp"
#include "checker/traces/state_fields.hpp"
#include "checker/version.hpp"

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

// One field's ITF value: integers as {"#bigint": ...}, domains by name.
json value_to_itf(const System& sys, FieldKind kind, int v) {
    switch (kind) {
    case FieldKind::Bool:
        return v != 0;
    case FieldKind::Count:
    case FieldKind::Stu:
        return bigint(v);
    case FieldKind::DomainRef:
        return domain_ref(sys, v);
    case FieldKind::Phase:
        return v ? "prepared" : "idle";
    }
    return nullptr;
}

// The value of entry `index` of the ITF map `m` ({"#map": [[key, value], ...]}),
// appended as [key, {}] when it is the next one: fields are visited in device
// and domain order.
json& map_entry(json& m, size_t index, const std::string& key) {
    json& entries = m["#map"];
    if (entries.is_null())
        entries = json::array();
    if (index == entries.size())
        entries.push_back(json::array({key, json::object()}));
    return entries.at(index).at(1);
}

json state_to_itf(const System& sys, const ConcreteState& s) {
    const auto& sc = sys.scenario;
    json out = json::object();
    for (FieldScope scope : {FieldScope::Pdev, FieldScope::Master, FieldScope::Domain})
        out[scope_record(scope)] = {{"#map", json::array()}};
    visit_fields(
        [&](const FieldRef& at, const auto& v) {
            const json value = value_to_itf(sys, at.spec->kind, int(v));
            const char* record = scope_record(at.scope);
            switch (at.scope) {
            case FieldScope::Pdev:
            case FieldScope::Master:
                map_entry(out[record], at.device, sc.devices[at.device].name)[at.spec->name] =
                    value;
                break;
            case FieldScope::Domain:
                map_entry(out[record], at.domain, sc.domains[at.domain].name)[at.spec->name] =
                    value;
                break;
            case FieldScope::DomainDevice:
                map_entry(
                    map_entry(out[record], at.domain, sc.domains[at.domain].name)[at.spec->name],
                    at.device, sc.devices[at.device].name) = value;
                break;
            case FieldScope::Flag:
                out[at.spec->name] = value;
                break;
            }
        },
        s);
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

    // The entries of a {"#map": [[name, value], ...]} with exactly the given
    // names, in order: each value with its JSON path.
    template <class Names>
    std::vector<std::pair<const json*, std::string>> map(const json& j, const std::string& where,
                                                         const Names& names) const {
        if (!j.is_object() || !j.contains("#map") || !j["#map"].is_array())
            fail(where, "expected an ITF map {\"#map\": [...]}");
        const json& entries = j["#map"];
        if (entries.size() != names.size())
            fail(where, "expected " + std::to_string(names.size()) + " entries, found " +
                            std::to_string(entries.size()));
        std::vector<std::pair<const json*, std::string>> out;
        for (size_t i = 0; i < entries.size(); ++i) {
            const std::string at = where + ".#map[" + std::to_string(i) + "]";
            if (!entries[i].is_array() || entries[i].size() != 2 || !entries[i][0].is_string())
                fail(at, "expected a [key, value] pair");
            if (entries[i][0].get<std::string>() != names[i].name)
                fail(at, "expected the entry for \"" + names[i].name + "\", found \"" +
                             entries[i][0].get<std::string>() + "\"");
            out.emplace_back(&entries[i][1], at + "[1]");
        }
        return out;
    }

    // One field's value from its ITF form (the inverse of value_to_itf).
    int value(const json& v, const std::string& at, FieldKind kind) const {
        switch (kind) {
        case FieldKind::Bool:
            return boolean(v, at);
        case FieldKind::Count:
        case FieldKind::Stu:
            return integer(v, at);
        case FieldKind::DomainRef:
            return domain_ref(v, at);
        case FieldKind::Phase:
            break;
        }
        if (!v.is_string() || (v != "idle" && v != "prepared"))
            fail(at, "expected \"idle\" or \"prepared\"");
        return v == "prepared";
    }

    // The records of one scope's map (pdev, master or domain), one per name.
    template <class Names>
    std::vector<JsonFields> records(JsonFields& top, const char* key, const Names& names) const {
        std::vector<JsonFields> out;
        for (const auto& [j, at] : map(top.raw(key), top.path(key), names))
            out.emplace_back(file, *j, at);
        return out;
    }

    // A flag's key in a stored trace: its name, or the alias it was written
    // under (model/state.hpp's kFlagAliases).
    static std::string flag_key(const JsonFields& top, std::string_view name) {
        for (const auto& a : kFlagAliases)
            if (a.name == name && !top.has(std::string(name).c_str()) &&
                top.has(std::string(a.old_name).c_str()))
                return std::string(a.old_name);
        return std::string(name);
    }

    ConcreteState state(const json& j, const std::string& where) const {
        ConcreteState s = shaped_state<Concrete>(sys.num_devices(), sys.num_domains(), false, 0);
        JsonFields top(file, j, where);
        const auto& devs = sys.scenario.devices;
        std::vector<JsonFields> pdev = records(top, "pdev", devs),
                                master = records(top, "master", devs),
                                domain = records(top, "domain", sys.scenario.domains);
        visit_fields(
            [&](const FieldRef& at, auto& v) {
                const std::string key =
                    at.scope == FieldScope::Flag ? flag_key(top, at.spec->name) : at.spec->name;
                JsonFields& rec = at.scope == FieldScope::Pdev     ? pdev[at.device]
                                  : at.scope == FieldScope::Master ? master[at.device]
                                  : at.scope == FieldScope::Flag   ? top
                                                                   : domain[at.domain];
                const char* k = key.c_str();
                if (at.scope == FieldScope::DomainDevice) {
                    const auto entry = map(rec.raw(k), rec.path(k), devs).at(at.device);
                    v = value(*entry.first, entry.second, at.spec->kind);
                } else {
                    v = value(rec.raw(k), rec.path(k), at.spec->kind);
                }
            },
            s);
        for (auto* group : {&pdev, &master, &domain})
            for (const auto& rec : *group)
                rec.finish();
        top.raw("mbt::actionTaken");
        top.raw("mbt::nondetPicks");
        top.raw("#meta");
        top.finish();
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

// The property a trace violates, whole, so that a user's property replays
// where it is not known (shipped ones carry it too: one format).
json property_spec(const std::string& name) {
    const auto id = find_property(name);
    if (!id)
        return nullptr;
    const PropertyInfo& p = property_info(*id);
    return {{"name", p.name},
            {"meaning", p.meaning},
            {"symptom", p.symptom},
            {"expression", p.expression}};
}

json trace_to_itf(const System& sys, const Trace& trace, const TraceMeta& meta) {
    json vars = json::array({"pdev", "master", "domain"});
    for (const auto& flag : kFlagFields)
        vars.push_back(flag.name);
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
                  {"property_spec", property_spec(meta.property)},
                  {"engine", meta.engine},
                  {"mutant", sys.mutant == Mutant::None ? json(nullptr)
                                                        : json(mutant_info(sys.mutant)->name)},
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
    const bool has_spec = meta.has("property_spec") && !meta.raw("property_spec").is_null();
    if (const json* spec = has_spec ? meta.object_or_null("property_spec") : nullptr) {
        JsonFields ps(file, *spec, meta.path("property_spec"));
        const std::string name = ps.string("name");
        if (name != out.meta.property)
            ps.fail(ps.path("name"), "names \"" + name + "\", not the trace's property");
        add_property_spec(file, meta.path("property_spec"), name, ps.string("meaning"),
                          ps.string_or("symptom", ""), ps.string("expression"));
        ps.finish();
    }
    out.meta.engine = meta.string("engine");
    out.meta.description = meta.string_or("description", "");
    out.system.revision =
        revision_from_json(file, meta.raw("revision_spec"), meta.path("revision_spec"));
    out.system.scenario = scenario_from_json(file, meta.raw("scenario_spec"), std::nullopt,
                                             meta.path("scenario_spec"));
    // A trace of the model with a seeded fault (check --mutant) replays with it.
    if (const json* m = meta.has("mutant") ? &meta.raw("mutant") : nullptr; m && !m->is_null()) {
        const MutantInfo* info = m->is_string() ? find_mutant(m->get<std::string>()) : nullptr;
        if (!info)
            meta.fail(meta.path("mutant"), "not a seeded fault's name (see atscheck mutate)");
        out.system.mutant = info->id;
    }
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
