// conform: how a kernel tree's code compares with the model.
#include <algorithm>
#include <iomanip>
#include <iostream>

#include <nlohmann/json.hpp>

#include "checker/cli/commands.hpp"
#include "checker/conform/lockstep_report.hpp"
#include "checker/conform/pci_conform.hpp"
#include "checker/conform/revision_draft.hpp"
#include "checker/conform/smmu_conform.hpp"
#include "checker/conform/smmu_lockstep.hpp"
#include "checker/conform/tree_conformance.hpp"
#include "checker/traces/output_files.hpp"
#include "checker/version.hpp"

namespace atscheck::cli {

namespace {

// Text lists this many disagreeing cases; JSON lists them all.
constexpr size_t kShownDisagreements = 20;

std::string warn_lines_text(const PciConformance& c) {
    std::string out;
    for (const auto& [helper, lines] : c.warn_lines) {
        out += out.empty() ? "" : ", ";
        out += helper;
        for (int l : lines)
            out += " " + std::to_string(l);
    }
    return out.empty() ? "none fired" : out;
}

void print_pci(const PciConformance& c) {
    std::cout << "PCI layer: " << c.ats_c << " against the model's PCI rules, " << c.cases.size()
              << " cases of pci_ats_supported, pci_prepare_ats, pci_enable_ats and "
                 "pci_disable_ats\n";
    for (const auto& comb : c.combinations)
        std::cout << "  " << describe(comb.knobs) << ": "
                  << (comb.disagreements.empty()
                          ? std::string("every case agrees")
                          : std::to_string(comb.disagreements.size()) + " cases differ")
                  << "\n";
    std::cout << "  WARN_ON lines: " << warn_lines_text(c) << "\n";
    const auto& best = c.combinations.front();
    if (c.conforms()) {
        std::cout << "  this ats.c implements " << describe(best.knobs) << "\n";
        return;
    }
    std::cout << "  no combination matches; the cases where the closest (" << describe(best.knobs)
              << ") differs:\n";
    for (size_t i = 0; i < best.disagreements.size() && i < kShownDisagreements; ++i)
        std::cout << "    " << describe(best.disagreements[i]) << "\n";
    if (best.disagreements.size() > kShownDisagreements)
        std::cout << "    ... and " << best.disagreements.size() - kShownDisagreements
                  << " more (--format json lists every one)\n";
}

void print_smmu(const SmmuConformance& c) {
    std::cout << "the kernel functions the model mirrors, located and fingerprinted:\n";
    for (const auto& f : c.functions) {
        std::cout << "  " << std::left << std::setw(32) << f.fn->name;
        if (f.found)
            std::cout << f.fn->file << ":" << f.line << "  fingerprint " << f.fingerprint << "\n";
        else if (!f.unavailable.empty())
            std::cout << "absent: " << f.missing << "; unavailable on this tree: " << f.unavailable
                      << "\n";
        else if (!f.older.empty())
            std::cout << "absent: " << f.missing << "\n";
        else
            std::cout << "MISSING: " << f.missing << "\n";
    }
    std::cout << "knobs read from the code's patterns:\n";
    for (const auto& k : c.knobs)
        std::cout << "  " << std::left << std::setw(16) << k.knob
                  << (k.value ? *k.value : std::string("not recognised")) << "  (" << k.evidence
                  << ")\n";
}

nlohmann::json pci_json(const PciConformance& c) {
    nlohmann::json combos = nlohmann::json::array();
    for (const auto& comb : c.combinations) {
        nlohmann::json cases = nlohmann::json::array();
        for (const auto& d : comb.disagreements)
            cases.push_back(describe(d));
        combos.push_back({{"ats_supported", to_string(comb.knobs.ats_supported)},
                          {"prepare_vf", to_string(comb.knobs.prepare_vf)},
                          {"disagreements", cases}});
    }
    nlohmann::json lines = nlohmann::json::object();
    for (const auto& [helper, found] : c.warn_lines)
        lines[helper] = found;
    return {{"ats_c", c.ats_c},
            {"cases", c.cases.size()},
            {"conforms", c.conforms()},
            {"combinations", combos},
            {"warn_lines", lines}};
}

nlohmann::json smmu_json(const SmmuConformance& c) {
    nlohmann::json functions = nlohmann::json::array(), knobs = nlohmann::json::array();
    for (const auto& f : c.functions) {
        nlohmann::json j = {{"function", f.fn->name}, {"file", f.fn->file}, {"found", f.found}};
        if (f.found) {
            j["line"] = f.line;
            j["fingerprint"] = f.fingerprint;
        } else {
            j["missing"] = f.missing;
            if (!f.unavailable.empty())
                j["unavailable"] = f.unavailable;
            if (!f.older.empty())
                j["older"] = f.older;
        }
        functions.push_back(j);
    }
    for (const auto& k : c.knobs)
        knobs.push_back({{"knob", k.knob},
                         {"value", k.value ? nlohmann::json(*k.value) : nlohmann::json()},
                         {"evidence", k.evidence}});
    return {{"functions", functions}, {"knobs", knobs}};
}

} // namespace

ExitCode cmd_conform(const ConformArgs& a) {
    const TreeConformance c = conform_tree(
        a.kernel_dir, a.scenarios.empty() ? default_lockstep_scenarios() : a.scenarios);
    const std::string tree = tree_identity(a.kernel_dir);
    std::optional<RevisionDraft> draft;
    if (!a.emit_revision.empty()) {
        draft = draft_revision(a.kernel_dir, tree, c.pci, c.smmu, c.knobs);
        write_atomically(a.emit_revision, draft->revision.dump(2) + "\n");
    }
    const ScenarioLockstep* in = nullptr;
    const KnobVerdict* closest = c.leaves_model() ? c.lockstep.closest(&in) : nullptr;
    if (!a.itf.empty() && closest)
        write_atomically(a.itf, closest->divergence->itf.dump(2) + "\n");
    if (a.format == "json") {
        nlohmann::json j = {{"tool", std::string("atscheck ") + kToolVersion},
                            {"tree", tree},
                            {"conforms", c.conforms()},
                            {"pci", pci_json(c.pci)},
                            {"smmu", smmu_json(c.smmu)},
                            {"lockstep", lockstep_json(c.lockstep, c.knobs)}};
        if (draft)
            j["revision"] = {{"file", a.emit_revision}, {"unrecognised", draft->unrecognised}};
        std::cout << j.dump(2) << "\n";
    } else {
        std::cout << "atscheck " << kToolVersion << ": conform " << a.kernel_dir << " (" << tree
                  << ")\n";
        print_pci(c.pci);
        print_smmu(c.smmu);
        print_lockstep(std::cout, c.lockstep, c.knobs);
        if (!a.itf.empty())
            std::cout << (closest ? "wrote " + a.itf + "\n"
                                  : "no divergence: " + a.itf + " not written\n");
        if (draft) {
            std::cout << "wrote " << a.emit_revision;
            for (size_t i = 0; i < draft->unrecognised.size(); ++i)
                std::cout << (i ? ", " : "; fill in ") << draft->unrecognised[i];
            std::cout << (draft->unrecognised.empty() ? "\n"
                                                      : " (listed in kernel.unrecognised)\n");
        }
        std::cout << (c.conforms() ? "conforms" : "does not conform") << "\n";
    }
    return c.conforms() ? ExitCode::Ok : ExitCode::Violated;
}

} // namespace atscheck::cli
