#include "checker/reports/sarif.hpp"

#include <filesystem>

#include "checker/reports/check_report.hpp"
#include "checker/reports/trace_view.hpp"
#include "checker/version.hpp"
#include "model/kernel_site.hpp"

namespace atscheck {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A path relative to the working directory (the checkout CI runs in) when it
// lies inside it, so code-scanning views can open it; else a file:// URI.
json artifact(const std::string& file) {
    if (file.empty())
        return {{"uri", "unknown"}};
    std::error_code ec;
    const fs::path abs = fs::absolute(file, ec).lexically_normal();
    const fs::path rel = abs.lexically_relative(fs::current_path(ec));
    if (!rel.empty() && *rel.begin() != "..")
        return {{"uri", rel.generic_string()}, {"uriBaseId", "%SRCROOT%"}};
    return {{"uri", "file://" + abs.generic_string()}};
}

json kernel_function(const KernelFunction& function) {
    const std::string file = function.file ? std::string(function.file) + ":" : "";
    return {{"name", function.name},
            {"fullyQualifiedName", file + function.name},
            {"kind", "function"}};
}

json location_at(const std::string& file, const KernelFunction* function, const std::string& text) {
    json loc{{"physicalLocation",
              {{"artifactLocation", artifact(file)}, {"region", {{"startLine", 1}}}}}};
    if (function)
        loc["logicalLocations"] = json::array({kernel_function(*function)});
    if (!text.empty())
        loc["message"] = {{"text", text}};
    return loc;
}

json code_flow(const CheckedSystem& c, const TraceView& v) {
    json steps = json::array();
    for (size_t i = 0; i < v.steps.size(); ++i) {
        const StepView& s = v.steps[i];
        std::string text = std::to_string(i + 1) + ". " + s.label;
        for (size_t k = 0; k < s.calls.size(); ++k)
            text += (k == 0 ? ": " : ", ") + s.calls[k];
        json state = json::object();
        for (size_t f : s.changed)
            state[v.fields[f].name] = {{"text", v.values[i][f] + " -> " + v.values[i + 1][f]}};
        steps.push_back({{"location", location_at(c.system.revision.file, s.entry, text + s.picks)},
                         {"state", state},
                         {"executionOrder", i + 1},
                         {"nestingLevel", 0}});
    }
    return {{"threadFlows", json::array({{{"locations", steps}}})}};
}

json rules() {
    json out = json::array();
    for (const auto& p : all_properties())
        out.push_back({{"id", p.name},
                       {"name", p.name},
                       {"shortDescription", {{"text", p.meaning}}},
                       {"fullDescription",
                        {{"text", std::string("Kernel symptom when broken: ") + p.symptom}}},
                       {"defaultConfiguration", {{"level", "error"}}}});
    return out;
}

size_t rule_index(PropertyId id) {
    const auto& all = all_properties();
    for (size_t i = 0; i < all.size(); ++i)
        if (all[i].id == id)
            return i;
    return 0;
}

} // namespace

namespace {

json sarif_log(const json& rules, const json& results) {
    json driver{{"name", "atscheck"}, {"version", kToolVersion}, {"rules", rules}};
    return {
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs",
         json::array(
             {{{"tool", {{"driver", driver}}},
               {"originalUriBaseIds",
                {{"%SRCROOT%", {{"uri", "file://" + fs::current_path().generic_string() + "/"}}}}},
               {"results", results}}})}};
}

} // namespace

json render_drift_sarif(const std::vector<KernelDrift>& drifts, const std::string& kernel_dir) {
    json results = json::array();
    for (const auto& d : drifts) {
        const KernelFingerprint& at = d.now ? *d.now : d.then;
        json loc{
            {"physicalLocation",
             {{"artifactLocation", artifact((fs::path(kernel_dir) / at.file).string())},
              {"region", {{"startLine", at.line}}}}},
            {"logicalLocations", json::array({{{"name", d.function},
                                               {"fullyQualifiedName", at.file + ":" + d.function},
                                               {"kind", "function"}}})}};
        results.push_back(
            {{"ruleId", "kernel_drift"},
             {"ruleIndex", 0},
             {"level", "error"},
             {"message", {{"text", d.message}}},
             {"locations", json::array({loc})},
             {"partialFingerprints", {{"atscheck/v1", d.revision + "/" + d.function}}},
             {"properties", {{"revision", d.revision}}}});
    }
    const json rule{{"id", "kernel_drift"},
                    {"name", "kernel_drift"},
                    {"shortDescription",
                     {{"text", "a function the model mirrors changed since its revision was "
                               "checked against the tree"}}},
                    {"defaultConfiguration", {{"level", "error"}}}};
    return sarif_log(json::array({rule}), results);
}

json render_sarif(const SweepReport& r) {
    json results = json::array();
    for (size_t i = 0; i < r.cells.size(); ++i) {
        const CheckedSystem& c = r.cells[i];
        for (size_t p = 0; p < c.result.properties.size(); ++p) {
            const PropertyResult& pr = c.result.properties[p];
            const Judgement* j = r.judgement(i, p);
            const std::string& name = property_info(pr.property).name;
            json fingerprint{{"atscheck/v1",
                              c.system.revision.name + "/" + c.system.scenario.name + "/" + name}};
            if (pr.verdict == Verdict::Violated && pr.trace) {
                const TraceView v = view_trace(c.system, *pr.trace);
                const KernelFunction* fn = violating_function(v);
                // A trace that needs a relaxation says so first: never a kernel bug as such.
                const ScenarioProvenance prov = trace_provenance(c.system, *pr.trace);
                const std::string tag = prov.label == Provenance::Realistic
                                            ? ""
                                            : "[" + std::string(to_string(prov.label)) + "] ";
                // Under `ci` an expected violation is a note, not an error.
                const bool expected = j && !is_deviation(j->outcome);
                results.push_back(
                    {{"ruleId", name},
                     {"ruleIndex", rule_index(pr.property)},
                     {"level", expected ? "note" : "error"},
                     {"message",
                      {{"text", tag + r.summary(i, p) + "; symptom: " +
                                    symptom_on(property_info(pr.property), c.system.revision)}}},
                     {"locations", json::array({location_at(c.system.revision.file, fn, "")})},
                     {"codeFlows", json::array({code_flow(c, v)})},
                     {"partialFingerprints", fingerprint},
                     {"properties",
                      {{"revision", c.system.revision.name},
                       {"scenario", c.system.scenario.name},
                       {"depth", pr.depth},
                       {"provenance", prov.text()},
                       {"trace", pr.trace_file}}}});
            } else if (j && j->outcome == Outcome::Stale) {
                results.push_back(
                    {{"ruleId", name},
                     {"ruleIndex", rule_index(pr.property)},
                     {"level", "warning"},
                     {"message", {{"text", j->message}}},
                     {"locations", json::array({location_at(r.manifest_file, nullptr, "")})},
                     {"partialFingerprints", fingerprint}});
            }
        }
    }
    return sarif_log(rules(), results);
}

} // namespace atscheck
