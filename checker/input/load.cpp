#include "checker/input/load.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <regex>
#include <tuple>

#include "checker/input/json_fields.hpp"
#include "model/kernel_site.hpp"

#ifndef ATSCHECK_SOURCE_EXAMPLES
#define ATSCHECK_SOURCE_EXAMPLES "examples"
#endif

namespace atscheck {

namespace fs = std::filesystem;

namespace {

template <class E> struct EnumName {
    E value;
    const char* name;
};

constexpr EnumName<AtsSupported> kAtsSupported[] = {{AtsSupported::OwnCap, "own_cap"},
                                                    {AtsSupported::PfAware, "pf_aware"}};
constexpr EnumName<PrepareVf> kPrepareVf[] = {{PrepareVf::Noop, "noop"},
                                              {PrepareVf::ValidateStu, "validate_stu"}};
constexpr EnumName<ProbePrepare> kProbePrepare[] = {
    {ProbePrepare::AllIgnoreResult, "all_ignore_result"},
    {ProbePrepare::SupportedIgnoreResult, "supported_ignore_result"},
    {ProbePrepare::SupportedFailProbe, "supported_fail_probe"}};
constexpr EnumName<EnableFailure> kEnableFailure[] = {{EnableFailure::DevErr, "dev_err"},
                                                      {EnableFailure::Warn, "warn"},
                                                      {EnableFailure::Rollback, "rollback"}};
constexpr EnumName<AtsAlwaysOn> kAtsAlwaysOn[] = {
    {AtsAlwaysOn::Off, "off"}, {AtsAlwaysOn::Rfc, "rfc"}, {AtsAlwaysOn::Final, "final"}};
constexpr EnumName<ProbeOrder> kProbeOrder[] = {{ProbeOrder::PfFirst, "pf_first"},
                                                {ProbeOrder::LateSmmu, "late_smmu"}};
constexpr EnumName<Timing> kTiming[] = {{Timing::Kernel, "kernel"},
                                        {Timing::Adversarial, "adversarial"}};
constexpr EnumName<DomainKind> kDomainKind[] = {
    {DomainKind::Paging, "paging"},      {DomainKind::Identity, "identity"},
    {DomainKind::Blocked, "blocked"},    {DomainKind::Sva, "sva"},
    {DomainKind::S2Parent, "s2_parent"}, {DomainKind::Nested, "nested"}};
constexpr EnumName<Vste> kVste[] = {
    {Vste::S1Eats, "s1_eats"}, {Vste::S1, "s1"}, {Vste::Bypass, "bypass"}, {Vste::Abort, "abort"}};
constexpr EnumName<LockDiscipline> kLock[] = {{LockDiscipline::Global, "global"},
                                              {LockDiscipline::None, "none"}};
constexpr EnumName<InitBool> kInitBool[] = {
    {InitBool::False, "false"}, {InitBool::True, "true"}, {InitBool::Any, "any"}};

template <class E, size_t N> const char* name_of(const EnumName<E> (&table)[N], E v) {
    for (const auto& e : table)
        if (e.value == v)
            return e.name;
    return "?";
}

// Reads field `key` as one of the names in `table`; absent means `fallback`.
template <class E, size_t N>
E read_enum(JsonFields& f, const char* key, const EnumName<E> (&table)[N],
            std::optional<E> fallback = std::nullopt) {
    if (!f.has(key) && fallback) {
        f.finish_optional(key);
        return *fallback;
    }
    const json& v = f.raw(key);
    if (v.is_string())
        for (const auto& e : table)
            if (v.get<std::string>() == e.name)
                return e.value;
    std::string list;
    for (const auto& e : table)
        list += std::string(list.empty() ? "" : ", ") + e.name;
    f.fail(f.path(key), (v.is_string() ? "unknown value \"" + v.get<std::string>() + "\""
                                       : std::string("expected a string, found ") + v.type_name()) +
                            "; expected one of " + list);
}

// An initial boolean: true, false or "any".
InitBool read_init_bool(JsonFields& f, const char* key, InitBool fallback) {
    if (!f.has(key)) {
        f.finish_optional(key);
        return fallback;
    }
    const json& v = f.raw(key);
    if (v.is_boolean())
        return v.get<bool>() ? InitBool::True : InitBool::False;
    if (v.is_string() && v.get<std::string>() == "any")
        return InitBool::Any;
    f.fail(f.path(key), std::string("expected true, false or \"any\", found ") +
                            (v.is_string() ? "\"" + v.get<std::string>() + "\"" : v.type_name()));
}

json init_bool_json(InitBool v) {
    return v == InitBool::Any ? json("any") : json(v == InitBool::True);
}

std::string indexed(const std::string& path, size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

// The "name" (required, non-empty) and "description" every input file has.
std::pair<std::string, std::string> read_name(JsonFields& f, const char* what) {
    std::string name = f.string("name");
    if (name.empty())
        f.fail(f.path("name"), std::string("a ") + what + " name must not be empty");
    return {name, f.string_or("description", "")};
}

struct Smmu {
    std::string name;
    int stu;
};

// One device object; the PF is resolved later, once every name is known.
Device read_device(const std::string& file, const json& j, const std::string& path,
                   const std::map<std::string, Smmu>& smmus, std::string* pf_name) {
    JsonFields f(file, j, path);
    Device d;
    d.name = f.string("name");
    if (d.name.empty())
        f.fail(f.path("name"), "a device name must not be empty");
    d.smmu = f.string_or("smmu", smmus.size() == 1 ? smmus.begin()->first : "");
    const auto it = smmus.find(d.smmu);
    if (it == smmus.end())
        f.fail(f.path("smmu"), d.smmu.empty()
                                   ? "missing field \"smmu\" (the scenario has several SMMUs)"
                                   : "no SMMU named \"" + d.smmu + "\" in $.smmus");
    d.stu = it->second.stu;
    d.ats_cap = read_init_bool(f, "ats_cap", InitBool::True);
    d.untrusted = read_init_bool(f, "untrusted", InitBool::False);
    d.ats_required = f.boolean_or("ats_required", false);
    d.pasid = f.boolean_or("pasid", false);
    *pf_name = f.string_or("pf", "");
    f.finish();
    return d;
}

// Expands "fleet": {"pairs": N, "pf": {...}, "vf": {...}} into N PF/VF pairs on
// buses 01..N: the PF is function 0, its VF function 1.
json expand_fleet(const std::string& file, const json& fleet, const std::string& path,
                  std::optional<int> pairs_override) {
    JsonFields f(file, fleet, path);
    int pairs = f.integer("pairs", 1, kMaxFleetPairs);
    if (pairs_override) {
        if (*pairs_override < 1 || *pairs_override > kMaxFleetPairs)
            f.fail(f.path("pairs"), "fleet size " + std::to_string(*pairs_override) +
                                        " is out of range [1, " + std::to_string(kMaxFleetPairs) +
                                        "]");
        pairs = *pairs_override;
    }
    json pf = f.object_or_null("pf") ? f.raw("pf") : json::object();
    json vf = f.object_or_null("vf") ? f.raw("vf") : json::object();
    f.finish();
    for (const char* key : {"name", "pf"}) {
        if (pf.contains(key))
            f.fail(f.path("pf") + "." + key, "is set by the fleet generator");
        if (vf.contains(key))
            f.fail(f.path("vf") + "." + key, "is set by the fleet generator");
    }
    json devices = json::array();
    for (int i = 1; i <= pairs; ++i) {
        char bus[32];
        std::snprintf(bus, sizeof bus, "0000:%02x:00.", i);
        json p = pf, v = vf;
        p["name"] = std::string(bus) + "0";
        v["name"] = std::string(bus) + "1";
        v["pf"] = p["name"];
        devices.push_back(p);
        devices.push_back(v);
    }
    return devices;
}

} // namespace

const char* to_string(AtsSupported v) {
    return name_of(kAtsSupported, v);
}
const char* to_string(PrepareVf v) {
    return name_of(kPrepareVf, v);
}
const char* to_string(ProbePrepare v) {
    return name_of(kProbePrepare, v);
}
const char* to_string(EnableFailure v) {
    return name_of(kEnableFailure, v);
}
const char* to_string(AtsAlwaysOn v) {
    return name_of(kAtsAlwaysOn, v);
}
const char* to_string(ProbeOrder v) {
    return name_of(kProbeOrder, v);
}
const char* to_string(Timing v) {
    return name_of(kTiming, v);
}
const char* to_string(Vste v) {
    return name_of(kVste, v);
}
const char* to_string(DomainKind v) {
    return name_of(kDomainKind, v);
}
const char* to_string(LockDiscipline v) {
    return name_of(kLock, v);
}
const char* to_string(InitBool v) {
    return name_of(kInitBool, v);
}

namespace {

// "kernel": {"tree", "fingerprints": {FUNCTION: {"file", "line", "fingerprint"}},
// "unavailable": {ACTIONS: WHY}, "unrecognised": [FIELD...]}. A field conform could not read from
// the tree stays in "unrecognised" until a person fills it in: until then the revision does not
// load.
KernelBinding read_kernel_binding(const std::string& file, const json& j, const std::string& path) {
    JsonFields f(file, j, path);
    KernelBinding b;
    b.tree = f.string("tree");
    if (f.has("unrecognised")) {
        const json& open = f.array("unrecognised");
        if (!open.empty())
            f.fail(f.path("unrecognised"),
                   open.dump() + " could not be read from the tree: fill each in, then remove it "
                                 "from this list");
    }
    f.finish_optional("unrecognised");
    if (const json* gone = f.object_or_null("unavailable"))
        for (const auto& item : gone->items()) {
            if (!item.value().is_string())
                f.fail(f.path("unavailable") + "." + item.key(), "must be a string: why");
            b.unavailable[item.key()] = item.value().get<std::string>();
        }
    static const json none = json::object();
    const json* fps = f.object_or_null("fingerprints");
    for (const auto& item : (fps ? fps : &none)->items()) {
        const std::string name = item.key();
        const std::string where = f.path("fingerprints") + "." + name;
        if (std::none_of(std::begin(kfn::kAll), std::end(kfn::kAll),
                         [&](const KernelFunction* k) { return k->file && name == k->name; }))
            f.fail(where, "not a kernel function the model mirrors");
        JsonFields g(file, item.value(), where);
        b.functions[name] = {g.string("file"), g.integer("line", 1, 10000000),
                             g.string("fingerprint")};
        g.finish();
    }
    f.finish();
    return b;
}

} // namespace

Revision revision_from_json(const std::string& file, const json& j, const std::string& path) {
    JsonFields f(file, j, path);
    Revision r;
    r.file = file;
    std::tie(r.name, r.description) = read_name(f, "revision");
    const json& sources = f.array("sources");
    for (size_t i = 0; i < sources.size(); ++i) {
        if (!sources[i].is_string())
            f.fail(indexed(f.path("sources"), i), "expected a string");
        r.sources.push_back(sources[i].get<std::string>());
    }
    r.ats_supported = read_enum(f, "ats_supported", kAtsSupported);
    r.prepare_vf = read_enum(f, "prepare_vf", kPrepareVf);
    r.probe_prepare = read_enum(f, "probe_prepare", kProbePrepare);
    r.enable_failure = read_enum(f, "enable_failure", kEnableFailure);
    r.ats_always_on = read_enum(f, "ats_always_on", kAtsAlwaysOn, std::optional(AtsAlwaysOn::Off));
    if (const json* lines = f.object_or_null("ats_warn_lines")) {
        JsonFields l(file, *lines, f.path("ats_warn_lines"));
        r.warn_lines.prepare = l.integer("prepare", 1, 100000);
        r.warn_lines.enable = l.integer("enable", 1, 100000);
        r.warn_lines.disable = l.integer("disable", 1, 100000);
        l.finish();
    }
    if (const json* k = f.object_or_null("kernel"))
        r.kernel = read_kernel_binding(file, *k, f.path("kernel"));
    f.finish();
    return r;
}

namespace {

// One domain object; a nested domain's parent must be an s2_parent of the list.
Domain read_domain(const std::string& file, const json& list, size_t i, const std::string& path) {
    JsonFields df(file, list[i], indexed(path, i));
    Domain d{df.string("name"), read_enum(df, "kind", kDomainKind)};
    for (size_t k = 0; k < i; ++k)
        if (list[k].is_object() && list[k].value("name", json()) == d.name)
            df.fail(df.path("name"), "duplicate domain name \"" + d.name + "\"");
    if (d.kind != DomainKind::Nested) {
        df.finish();
        return d;
    }
    const std::string parent = df.string("parent");
    for (size_t k = 0; k < list.size(); ++k)
        if (list[k].is_object() && list[k].value("name", json()) == parent)
            d.parent = static_cast<int>(k);
    if (d.parent < 0 || list[d.parent].value("kind", json()) != "s2_parent")
        df.fail(df.path("parent"),
                "\"" + parent + "\" is not an s2_parent domain of this scenario");
    d.vste = read_enum(df, "vste", kVste);
    df.finish();
    return d;
}

} // namespace

Scenario scenario_from_json(const std::string& file, const json& j, std::optional<int> pairs,
                            const std::string& path) {
    JsonFields f(file, j, path);
    Scenario s;
    s.file = file;
    std::tie(s.name, s.description) = read_name(f, "scenario");

    std::map<std::string, Smmu> smmus;
    const json& smmu_list = f.array("smmus");
    if (smmu_list.empty())
        f.fail(f.path("smmus"), "a scenario needs at least one SMMU");
    for (size_t i = 0; i < smmu_list.size(); ++i) {
        JsonFields sf(file, smmu_list[i], indexed(f.path("smmus"), i));
        Smmu m{sf.string("name"), 0};
        if (!sf.has("stu"))
            sf.fail(sf.path("stu"), "missing required field \"stu\"");
        const json& stu = sf.raw("stu");
        if (!stu.is_number_integer())
            sf.fail(sf.path("stu"), "expected an integer");
        const auto v = stu.get<long long>();
        if (v < kPciAtsMinStu || v > kMaxStu)
            sf.fail(sf.path("stu"),
                    "STU " + std::to_string(v) +
                        " is out of range: the PCI helpers reject an STU below "
                        "PCI_ATS_MIN_STU (12), and it is log2 of a page size (<= 31)");
        m.stu = static_cast<int>(v);
        sf.finish();
        if (!smmus.emplace(m.name, m).second)
            sf.fail(sf.path("name"), "duplicate SMMU name \"" + m.name + "\"");
    }

    json generated;
    const json* device_list = nullptr;
    std::string devices_path = f.path("devices");
    if (f.has("fleet")) {
        if (f.has("devices"))
            f.fail(f.path("fleet"), "give either \"devices\" or \"fleet\", not both");
        generated = expand_fleet(file, f.raw("fleet"), f.path("fleet"), pairs);
        device_list = &generated;
        devices_path = f.path("fleet");
    } else {
        if (pairs)
            f.fail(path, "only a fleet scenario takes a number of pairs");
        device_list = &f.array("devices");
    }
    if (device_list->empty())
        f.fail(devices_path, "a scenario needs at least one device");
    if (device_list->size() > static_cast<size_t>(kMaxDevices))
        f.fail(devices_path, std::to_string(device_list->size()) + " devices; at most " +
                                 std::to_string(kMaxDevices) + " are supported");
    std::vector<std::string> pf_names;
    for (size_t i = 0; i < device_list->size(); ++i) {
        const std::string path = generated.is_null() ? indexed(devices_path, i) : devices_path;
        std::string pf_name;
        s.devices.push_back(read_device(file, (*device_list)[i], path, smmus, &pf_name));
        pf_names.push_back(pf_name);
    }
    // Each "any" doubles the initial states (concrete::initial_states enumerates them).
    int open_values = 0;
    for (size_t i = 0; i < s.devices.size(); ++i) {
        open_values +=
            (s.devices[i].ats_cap == InitBool::Any) + (s.devices[i].untrusted == InitBool::Any);
        if (open_values > kMaxAnyInitial)
            f.fail(indexed(devices_path, i),
                   "more than " + std::to_string(kMaxAnyInitial) +
                       " initial values are \"any\" (each doubles the initial states)");
    }
    for (size_t i = 0; i < s.devices.size(); ++i)
        for (size_t k = 0; k < i; ++k)
            if (s.devices[k].name == s.devices[i].name)
                f.fail(indexed(devices_path, i) + ".name",
                       "duplicate device name \"" + s.devices[i].name + "\"");
    for (size_t i = 0; i < s.devices.size(); ++i) {
        if (pf_names[i].empty())
            continue;
        const std::string where = indexed(devices_path, i) + ".pf";
        auto it = std::find_if(s.devices.begin(), s.devices.end(),
                               [&](const Device& d) { return d.name == pf_names[i]; });
        if (it == s.devices.end())
            f.fail(where, "VF's PF \"" + pf_names[i] + "\" is not a device of this scenario");
        if (it - s.devices.begin() == static_cast<long>(i))
            f.fail(where, "a device cannot be its own PF");
        if (!pf_names[it - s.devices.begin()].empty())
            f.fail(where, "PF \"" + pf_names[i] + "\" is itself a VF");
        s.devices[i].pf = static_cast<int>(it - s.devices.begin());
    }
    for (size_t i = 0; i < s.devices.size(); ++i)
        if (s.devices[i].pasid && s.devices[i].is_vf())
            f.fail(indexed(devices_path, i) + ".pasid",
                   "a VF has no PASID capability of its own (the PF's PASID capability "
                   "governs it); give \"pasid\" to the PF");
    for (size_t i = 0; i < s.devices.size(); ++i)
        if (s.devices[i].ats_required && s.devices[i].is_vf())
            f.fail(indexed(devices_path, i) + ".ats_required",
                   "pci_ats_required() asks a VF's PF (pci_physfn()): the requirement is the "
                   "PF's (CXL.cache, the quirk list); set \"ats_required\" on the PF");

    const json& domains = f.array("domains");
    if (domains.empty())
        f.fail(f.path("domains"), "a scenario needs at least one domain");
    if (domains.size() > static_cast<size_t>(kMaxDomains))
        f.fail(f.path("domains"), "at most " + std::to_string(kMaxDomains) + " domains");
    for (size_t i = 0; i < domains.size(); ++i)
        s.domains.push_back(read_domain(file, domains, i, f.path("domains")));

    s.lock = read_enum(f, "lock", kLock, std::optional(LockDiscipline::Global));
    s.probe_order = read_enum(f, "probe_order", kProbeOrder, std::optional(ProbeOrder::PfFirst));
    if (const json* faults = f.object_or_null("faults")) {
        JsonFields ff(file, *faults, f.path("faults"));
        s.inject_enable_faults = ff.one_of("enable", {"none", "injected"}, "none") == "injected";
        ff.finish();
    }
    if (const json* env = f.object_or_null("environment")) {
        JsonFields ef(file, *env, f.path("environment"));
        s.timing = read_enum(ef, "timing", kTiming, std::optional(Timing::Kernel));
        s.third_party_enable = ef.boolean_or("third_party_enable", false);
        s.third_party_stu = ef.integer_or("third_party_stu", kPciAtsMinStu, kMaxStu, kPciAtsMinStu);
        s.quirk_clear_ats_cap = ef.boolean_or("quirk_clear_ats_cap", false);
        s.reset = ef.boolean_or("reset", false);
        s.release_with_pasid = ef.boolean_or("release_with_pasid", false);
        if (s.reset && std::none_of(s.domains.begin(), s.domains.end(),
                                    [](const Domain& d) { return d.kind == DomainKind::Blocked; }))
            ef.fail(ef.path("reset"), "a reset needs a blocked domain in $.domains (the IOMMU "
                                      "core's blocking domain, attached for the reset)");
        // Under late_smmu the fixups ran before any IOMMU probe, which an
        // ats_cap of "any" already covers (model-spec-2 A2).
        if (s.quirk_clear_ats_cap && s.kernel_timed() && !s.pf_first())
            ef.fail(ef.path("quirk_clear_ats_cap"),
                    "a kernel-timed quirk needs probe_order pf_first: under late_smmu the FINAL "
                    "fixup runs before the IOMMU probe; give the device ats_cap \"any\" instead, "
                    "or timing \"adversarial\"");
        ef.finish();
    }
    f.finish();
    return s;
}

json revision_to_json(const Revision& r) {
    json out{{"name", r.name},
             {"description", r.description},
             {"sources", r.sources},
             {"ats_supported", to_string(r.ats_supported)},
             {"prepare_vf", to_string(r.prepare_vf)},
             {"probe_prepare", to_string(r.probe_prepare)},
             {"enable_failure", to_string(r.enable_failure)},
             {"ats_always_on", to_string(r.ats_always_on)},
             {"ats_warn_lines",
              {{"prepare", r.warn_lines.prepare},
               {"enable", r.warn_lines.enable},
               {"disable", r.warn_lines.disable}}}};
    if (r.kernel) {
        json fps = json::object();
        for (const auto& [name, k] : r.kernel->functions)
            fps[name] = {{"file", k.file}, {"line", k.line}, {"fingerprint", k.fingerprint}};
        out["kernel"] = {{"tree", r.kernel->tree}, {"fingerprints", fps}};
        if (!r.kernel->unavailable.empty())
            out["kernel"]["unavailable"] = r.kernel->unavailable;
    }
    return out;
}

json scenario_to_json(const Scenario& s) {
    std::map<std::string, int> smmus;
    json devices = json::array();
    for (const auto& d : s.devices) {
        smmus[d.smmu] = d.stu;
        json jd{{"name", d.name},
                {"smmu", d.smmu},
                {"ats_cap", init_bool_json(d.ats_cap)},
                {"untrusted", init_bool_json(d.untrusted)},
                {"ats_required", d.ats_required},
                {"pasid", d.pasid}};
        if (d.pf)
            jd["pf"] = s.devices[*d.pf].name;
        devices.push_back(jd);
    }
    json smmu_list = json::array();
    for (const auto& [name, stu] : smmus)
        smmu_list.push_back({{"name", name}, {"stu", stu}});
    json domains = json::array();
    for (const auto& d : s.domains) {
        json jd{{"name", d.name}, {"kind", to_string(d.kind)}};
        if (d.kind == DomainKind::Nested) {
            jd["parent"] = s.domains[d.parent].name;
            jd["vste"] = to_string(d.vste);
        }
        domains.push_back(jd);
    }
    return json{{"name", s.name},
                {"description", s.description},
                {"smmus", smmu_list},
                {"devices", devices},
                {"domains", domains},
                {"lock", to_string(s.lock)},
                {"probe_order", to_string(s.probe_order)},
                {"faults", {{"enable", s.inject_enable_faults ? "injected" : "none"}}},
                {"environment",
                 {{"timing", to_string(s.timing)},
                  {"third_party_enable", s.third_party_enable},
                  {"third_party_stu", s.third_party_stu},
                  {"quirk_clear_ats_cap", s.quirk_clear_ats_cap},
                  {"reset", s.reset},
                  {"release_with_pasid", s.release_with_pasid}}}};
}

std::string examples_dir() {
    if (const char* env = std::getenv("ATSCHECK_EXAMPLES"); env && *env)
        return env;
    return ATSCHECK_SOURCE_EXAMPLES;
}

namespace {
bool looks_like_path(const std::string& s) {
    return s.find('/') != std::string::npos || (s.size() > 5 && s.ends_with(".json"));
}

std::string shipped_list(const std::string& kind) {
    std::string out;
    for (const auto& n : shipped_names(kind))
        out += (out.empty() ? "" : ", ") + n;
    return out;
}
} // namespace

Revision load_revision(const std::string& name_or_file) {
    std::string file = name_or_file;
    if (!looks_like_path(name_or_file)) {
        file = examples_dir() + "/revisions/" + name_or_file + ".json";
        if (!fs::exists(file))
            throw InputError("--revision", name_or_file,
                             "no such revision; shipped: " + shipped_list("revisions"));
    }
    return revision_from_json(file, read_json_file(file));
}

Scenario load_scenario(const std::string& name_or_file) {
    std::string file = name_or_file;
    std::optional<int> pairs;
    if (!looks_like_path(name_or_file)) {
        std::string name = name_or_file;
        static const std::regex fleet_n(R"((fleet)-(\d{1,4}))");
        std::smatch m;
        if (std::regex_match(name_or_file, m, fleet_n)) {
            name = m[1];
            pairs = std::stoi(m[2]);
            if (*pairs < 1 || *pairs > kMaxFleetPairs)
                throw InputError("--scenario", name_or_file,
                                 "fleet size must be between 1 and " +
                                     std::to_string(kMaxFleetPairs));
        }
        file = examples_dir() + "/scenarios/" + name + ".json";
        if (!fs::exists(file))
            throw InputError("--scenario", name_or_file,
                             "no such scenario; shipped: " + shipped_list("scenarios") +
                                 " (and fleet-N)");
    }
    Scenario s = scenario_from_json(file, read_json_file(file), pairs);
    if (pairs)
        s.name += "-" + std::to_string(*pairs);
    return s;
}

std::vector<std::string> shipped_names(const std::string& kind) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(examples_dir() + "/" + kind, ec))
        if (e.path().extension() == ".json")
            out.push_back(e.path().stem().string());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace atscheck
