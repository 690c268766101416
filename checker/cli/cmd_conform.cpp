// conform: how a kernel tree's code compares with the model.
#include <iostream>

#include <nlohmann/json.hpp>

#include "checker/cli/commands.hpp"
#include "checker/conform/pci_conform.hpp"
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

void print_text(const PciConformance& c) {
    std::cout << "atscheck " << kToolVersion << ": " << c.ats_c
              << " against the model's PCI rules\n"
              << c.cases.size()
              << " cases of pci_ats_supported, pci_prepare_ats, pci_enable_ats and "
                 "pci_disable_ats\n";
    for (const auto& comb : c.combinations)
        std::cout << "  " << describe(comb.knobs) << ": "
                  << (comb.disagreements.empty()
                          ? std::string("every case agrees")
                          : std::to_string(comb.disagreements.size()) + " cases differ")
                  << "\n";
    std::cout << "WARN_ON lines: " << warn_lines_text(c) << "\n";
    const auto& best = c.combinations.front();
    if (c.conforms()) {
        std::cout << "conforms: this ats.c implements " << describe(best.knobs) << "\n";
        return;
    }
    std::cout << "does not conform: no combination matches; the cases where the closest ("
              << describe(best.knobs) << ") differs:\n";
    for (size_t i = 0; i < best.disagreements.size() && i < kShownDisagreements; ++i)
        std::cout << "  " << describe(best.disagreements[i]) << "\n";
    if (best.disagreements.size() > kShownDisagreements)
        std::cout << "  ... and " << best.disagreements.size() - kShownDisagreements
                  << " more (--format json lists every one)\n";
}

nlohmann::json to_json(const PciConformance& c) {
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
    return {{"tool", std::string("atscheck ") + kToolVersion},
            {"ats_c", c.ats_c},
            {"cases", c.cases.size()},
            {"conforms", c.conforms()},
            {"combinations", combos},
            {"warn_lines", lines}};
}

} // namespace

ExitCode cmd_conform(const ConformArgs& a) {
    const PciConformance c = conform_pci(a.kernel_dir);
    if (a.format == "json")
        std::cout << to_json(c).dump(2) << "\n";
    else
        print_text(c);
    return c.conforms() ? ExitCode::Ok : ExitCode::Violated;
}

} // namespace atscheck::cli
