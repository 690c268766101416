#include "checker/conform/revision_draft.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "checker/conform/shell.hpp"

namespace atscheck {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string git_describe(const std::string& dir) {
    return shell_output("git -C " + shell_quoted(dir) + " describe --always --dirty 2>/dev/null");
}

// VERSION = 6 / PATCHLEVEL = 19 / SUBLEVEL = 0 / EXTRAVERSION = -rc3
std::string makefile_version(const std::string& dir) {
    std::ifstream in(fs::path(dir) / "Makefile");
    static const std::regex assignment(
        R"(^(VERSION|PATCHLEVEL|SUBLEVEL|EXTRAVERSION)\s*=\s*(\S*))");
    std::map<std::string, std::string> v;
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (std::regex_search(line, m, assignment))
            v.emplace(m[1], m[2]);
    }
    if (!v.count("VERSION") || !v.count("PATCHLEVEL"))
        return "";
    return v["VERSION"] + "." + v["PATCHLEVEL"] + "." +
           (v.count("SUBLEVEL") ? v["SUBLEVEL"] : "0") + v["EXTRAVERSION"];
}

// ats_supported and prepare_vf, when exactly one combination matches.
void pci_knobs(const PciConformance& pci, RevisionDraft& d) {
    if (pci.conforms() &&
        (pci.combinations.size() < 2 || !pci.combinations[1].disagreements.empty())) {
        d.revision["ats_supported"] = to_string(pci.combinations.front().knobs.ats_supported);
        d.revision["prepare_vf"] = to_string(pci.combinations.front().knobs.prepare_vf);
    } else {
        d.unrecognised.insert(d.unrecognised.end(), {"ats_supported", "prepare_vf"});
    }
}

// ats_warn_lines: each helper's one WARN_ON line in ats.c.
void warn_lines(const PciConformance& pci, RevisionDraft& d) {
    json lines = json::object();
    for (const auto& [key, helper] : {std::pair{"prepare", &kfn::pci_prepare_ats},
                                      {"enable", &kfn::pci_enable_ats},
                                      {"disable", &kfn::pci_disable_ats}}) {
        const int line = pci.warn_line(*helper);
        if (!line) {
            d.unrecognised.push_back("ats_warn_lines");
            return;
        }
        lines[key] = line;
    }
    d.revision["ats_warn_lines"] = lines;
}

} // namespace

std::string tree_identity(const std::string& kernel_dir) {
    if (fs::exists(fs::path(kernel_dir) / ".git"))
        if (std::string g = git_describe(kernel_dir); !g.empty())
            return g;
    const std::string v = makefile_version(kernel_dir);
    return v.empty() ? "unknown" : v;
}

RevisionDraft draft_revision(const std::string& kernel_dir, const std::string& tree,
                             const PciConformance& pci, const SmmuConformance& smmu,
                             const std::vector<KnobFinding>& knobs) {
    RevisionDraft d;
    d.revision = {{"name", "kernel-" + tree},
                  {"description", "Drafted by atscheck conform from " + kernel_dir + " (" + tree +
                                      "): review each knob against the code"},
                  {"sources", {tree + " (atscheck conform --kernel " + kernel_dir + ")"}}};
    pci_knobs(pci, d);
    for (const auto& k : knobs) {
        if (k.value)
            d.revision[k.knob] = *k.value;
        else
            d.unrecognised.push_back(k.knob);
    }
    warn_lines(pci, d);
    json fps = json::object();
    for (const auto& f : smmu.functions)
        if (f.found)
            fps[f.fn->name] = {
                {"file", f.fn->file}, {"line", f.line}, {"fingerprint", f.fingerprint}};
    json unavailable = json::object();
    for (const auto& f : smmu.functions)
        if (!f.unavailable.empty())
            unavailable[f.unavailable] = std::string(f.fn->name) + ": " + f.missing;
    d.revision["kernel"] = {{"tree", tree},
                            {"fingerprints", fps},
                            {"unavailable", unavailable},
                            {"unrecognised", d.unrecognised}};
    return d;
}

} // namespace atscheck
