#include "checker/sweeps/expectations.hpp"

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "checker/input/json_fields.hpp"
#include "checker/reports/check_report.hpp"

namespace atscheck {

namespace fs = std::filesystem;

std::string Expectation::text() const {
    if (holds)
        return "holds";
    return depth ? "violated@" + std::to_string(*depth) : "violated";
}

const char* to_string(Outcome o) {
    switch (o) {
    case Outcome::Met:
        return "met";
    case Outcome::Regression:
        return "regression";
    case Outcome::Stale:
        return "stale expectation";
    case Outcome::Changed:
        return "changed counterexample";
    case Outcome::Inconclusive:
        return "inconclusive";
    }
    return "?";
}

namespace {

// A file path in a manifest is relative to the manifest; a bare name is shipped.
std::string resolve_input(const std::string& manifest, const std::string& value) {
    const bool path = value.find('/') != std::string::npos || value.ends_with(".json");
    if (!path || fs::path(value).is_absolute())
        return value;
    return (fs::path(manifest).parent_path() / value).lexically_normal().string();
}

Expectation read_expectation(const JsonFields& f, const std::string& where, const json& v) {
    static const std::regex violated_at(R"(violated@(\d{1,6}))");
    if (!v.is_string())
        f.fail(where, "expected \"holds\", \"violated\" or \"violated@N\"");
    const std::string s = v.get<std::string>();
    std::smatch m;
    if (s == "holds")
        return {true, std::nullopt};
    if (s == "violated")
        return {false, std::nullopt};
    if (std::regex_match(s, m, violated_at))
        return {false, std::stoi(m[1])};
    f.fail(where, "\"" + s + "\" is not \"holds\", \"violated\" or \"violated@N\"");
}

EngineChoice read_engine(const std::string& file, const json& j, const std::string& path) {
    JsonFields f(file, j, path);
    EngineChoice e;
    e.engine = *engine_from_cli(f.one_of("name", engine_cli_names(), "auto"));
    if (f.has("depth"))
        e.depth = f.integer("depth", 0, 100000);
    if (f.has("timeout"))
        e.timeout = f.number("timeout", 0, 7 * 24 * 3600.0);
    if (f.has("memory_limit")) {
        e.memory_limit_mb = static_cast<size_t>(f.integer("memory_limit", 0, 1 << 20));
        if (*e.memory_limit_mb != 0 && *e.memory_limit_mb < 64)
            f.fail(f.path("memory_limit"), "a memory limit below 64 MB leaves no room for Z3");
    }
    if (f.has("seed"))
        e.seed = static_cast<uint64_t>(f.integer("seed", 0, 2147483647));
    if (f.has("runs"))
        e.runs = f.integer("runs", 1, 100000000);
    e.lemmas = f.boolean_or("lemmas", true);
    f.finish();
    return e;
}

// "expect": property name -> expected verdict, in all_properties() order.
std::vector<std::pair<PropertyId, Expectation>> read_expect(JsonFields& f, const json& expect) {
    if (expect.empty())
        f.fail(f.path("expect"), "names no property");
    std::vector<std::pair<PropertyId, Expectation>> out;
    for (auto it = expect.begin(); it != expect.end(); ++it) {
        const std::string where = f.path("expect") + "." + it.key();
        const auto id = find_property(it.key());
        if (!id)
            f.fail(where, "unknown property \"" + it.key() + "\" (see `atscheck list`)");
        out.emplace_back(*id, read_expectation(f, where, it.value()));
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

ExpectedCell read_cell(const std::string& file, const json& j, const std::string& path) {
    JsonFields f(file, j, path);
    ExpectedCell c;
    c.where = path;
    c.revision = resolve_input(file, f.string("revision"));
    c.scenario = resolve_input(file, f.string("scenario"));
    const json* expect = f.object_or_null("expect");
    if (!expect)
        f.fail(f.path("expect"), "missing field \"expect\" (property: expected verdict)");
    c.properties = read_expect(f, *expect);
    f.finish();
    return c;
}

ExpectedSeries read_series(const std::string& file, const json& j, const std::string& path) {
    static const std::regex range(R"([^\s.][^\s]*\.\.[^\s]+)");
    JsonFields f(file, j, path);
    ExpectedSeries s;
    s.where = path;
    s.range = f.string("range");
    if (!std::regex_match(s.range, range))
        f.fail(f.path("range"), "\"" + s.range + "\" is not BASE..TIP");
    if (f.has("scenarios")) {
        const json& list = f.raw("scenarios");
        if (!list.is_array() || list.empty())
            f.fail(f.path("scenarios"), "expected a list of scenarios");
        for (const json& name : list) {
            if (!name.is_string())
                f.fail(f.path("scenarios"), "expected a scenario's name or file");
            s.scenarios.push_back(resolve_input(file, name.get<std::string>()));
        }
    }
    if (const json* expect = f.object_or_null("expect"))
        s.properties = read_expect(f, *expect);
    else
        f.finish_optional("expect");
    f.finish();
    return s;
}

} // namespace

Manifest load_manifest(const std::string& file) {
    return manifest_from_json(file, read_json_file(file));
}

Manifest manifest_from_json(const std::string& file, const json& j) {
    Manifest m;
    m.file = file;
    JsonFields f(file, j, "$");
    m.description = f.string_or("description", "");
    if (f.has("kernel")) { // relative to the manifest, like "properties"
        const fs::path p(f.string("kernel"));
        m.kernel = p.is_absolute() ? p.string()
                                   : (fs::path(file).parent_path() / p).lexically_normal().string();
    }
    // "properties": a properties file (or a list of them), relative to the
    // manifest; read before the checks, which may expect their verdicts.
    if (f.has("properties")) {
        const json& files = f.raw("properties");
        const std::string where = f.path("properties");
        if (!files.is_string() && !files.is_array())
            f.fail(where, "expected a file name or a list of them");
        for (const json& name : files.is_array() ? files : json::array({files})) {
            if (!name.is_string())
                f.fail(where, "expected a file name");
            const fs::path p(name.get<std::string>());
            load_properties_file(
                p.is_absolute() ? p.string()
                                : (fs::path(file).parent_path() / p).lexically_normal().string());
        }
    }
    if (const json* engine = f.object_or_null("engine"))
        m.engine = read_engine(file, *engine, f.path("engine"));
    else
        f.finish_optional("engine");
    if (const json* series = f.object_or_null("series"))
        m.series = read_series(file, *series, f.path("series"));
    else
        f.finish_optional("series");
    const json empty = json::array();
    const json& checks = m.series && !f.has("checks") ? empty : f.array("checks");
    if (checks.empty() && !m.series)
        f.fail(f.path("checks"), "lists no check");
    std::set<std::pair<std::string, std::string>> seen;
    for (size_t i = 0; i < checks.size(); ++i) {
        const std::string where = f.path("checks") + "[" + std::to_string(i) + "]";
        if (!checks[i].is_object())
            f.fail(where, "expected an object with revision, scenario and expect");
        m.cells.push_back(read_cell(file, checks[i], where));
        if (!seen.insert({m.cells.back().revision, m.cells.back().scenario}).second)
            f.fail(where, "a second check of revision \"" + m.cells.back().revision +
                              "\" on scenario \"" + m.cells.back().scenario + "\"");
    }
    f.finish();
    return m;
}

namespace {

Outcome judge_one(const Expectation& e, const PropertyResult& r) {
    return judge_verdict(e, verdict_cell(r));
}

std::string describe(const CheckedSystem& c, const PropertyResult& r, const Expectation& e,
                     Outcome o) {
    const std::string where = std::string(property_info(r.property).name) + " on revision " +
                              c.system.revision.name + ", scenario " + c.system.scenario.name;
    const std::string found = verdict_cell(r) + (r.method.empty() ? "" : " (" + r.method + ")");
    return judgement_message(o, where, e, found, r.reason);
}

} // namespace

std::string judgement_message(Outcome o, const std::string& where, const Expectation& e,
                              const std::string& found, const std::string& reason) {
    switch (o) {
    case Outcome::Met:
        return where + ": " + found + ", as expected";
    case Outcome::Regression:
        return "regression: " + where + " was expected to hold and is " + found;
    case Outcome::Stale:
        return "stale expectation: " + where + " was expected to be " + e.text() +
               " and now holds, " + found + "; if the fix is intended, expect \"holds\"";
    case Outcome::Changed:
        return "changed counterexample: " + where + " was expected " + e.text() + " and is " +
               found;
    case Outcome::Inconclusive:
        break;
    }
    return "inconclusive: " + where + " was expected " + e.text() + " and is " + found +
           (reason.empty() ? "" : ": " + reason);
}

Outcome judge_verdict(const Expectation& e, const std::string& verdict) {
    if (verdict.rfind("proved", 0) == 0) // "proved (all N)" too
        return e.holds ? Outcome::Met : Outcome::Stale;
    if (verdict.rfind("violated", 0) != 0)
        return Outcome::Inconclusive; // bounded, unknown, not driven
    if (e.holds)
        return Outcome::Regression;
    return e.depth && "violated@" + std::to_string(*e.depth) != verdict ? Outcome::Changed
                                                                        : Outcome::Met;
}

std::vector<Judgement> judge(const Manifest& m, const std::vector<CheckedSystem>& results) {
    std::vector<Judgement> out;
    for (size_t i = 0; i < m.cells.size() && i < results.size(); ++i) {
        const auto& props = results[i].result.properties;
        for (const auto& [id, expected] : m.cells[i].properties)
            for (size_t p = 0; p < props.size(); ++p) {
                if (props[p].property != id)
                    continue;
                const Outcome o = judge_one(expected, props[p]);
                out.push_back({i, p, expected, o, describe(results[i], props[p], expected, o)});
            }
    }
    return out;
}

ExitCode gate_exit_code(Outcome o) {
    return is_deviation(o)              ? ExitCode::Violated
           : o == Outcome::Inconclusive ? ExitCode::Inconclusive
                                        : ExitCode::Ok;
}

ExitCode gate_exit_code(const std::vector<Judgement>& judgements) {
    ExitCode code = ExitCode::Ok;
    for (const auto& j : judgements)
        code = most_severe(code, gate_exit_code(j.outcome));
    return code;
}

} // namespace atscheck
