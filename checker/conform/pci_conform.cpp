#include "checker/conform/pci_conform.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "checker/conform/shell.hpp"
#include "checker/conform/stub_build.hpp"
#include "checker/input/input_error.hpp"
#include "checker/input/json_fields.hpp"
#include "checker/input/load.hpp"
#include "model/concrete.hpp"
#include "model/pci_ats.hpp"

namespace atscheck {

namespace fs = std::filesystem;

namespace {

// The headers a tree's ats.c includes, each the stub's one file. A header not
// listed stops the compile with its name (exit 2); add it when a tree needs it.
constexpr const char* kStubIncludes[] = {
    "linux/bitfield.h", "linux/errno.h",  "linux/export.h", "linux/init.h",
    "linux/kernel.h",   "linux/module.h", "linux/pci.h",    "linux/pci-ats.h",
    "linux/pci_regs.h", "linux/slab.h",   "pci.h"};

// The harness's run is a few milliseconds; a tree whose helpers loop is stopped.
constexpr int kHarnessSeconds = 60;

// Writes the stub beside a copy of ats.c (so that its "pci.h" is the stub's,
// not the tree's) and compiles both with the system C compiler.
fs::path build_harness(const TempDir& tmp, const std::string& ats_c) {
    write_stub(tmp.path(), {std::begin(kStubIncludes), std::end(kStubIncludes)},
               "atscheck_kernel.h");
    const fs::path copy = tmp.path() / "ats.c";
    fs::copy_file(ats_c, copy);
    const std::vector<std::string> args = {"-I " + shell_quoted((tmp.path() / "include").string()),
                                           "-I " + shell_quoted(tmp.path().string())};
    const fs::path exe = tmp.path() / "harness";
    compile_c(exe, {{tmp.path() / "atscheck_harness.c", ats_c, args}, {copy, ats_c, args}});
    return exe;
}

PciCase parse_case(const std::string& line, const std::string& ats_c) {
    std::istringstream in(line);
    PciCase c;
    int vf, dev[4], pf[4], out[5];
    std::string colon;
    in >> c.helper >> vf >> dev[0] >> dev[1] >> dev[2] >> dev[3] >> pf[0] >> pf[1] >> pf[2] >>
        pf[3] >> c.ps >> colon;
    for (int& v : out)
        in >> v;
    if (!in || colon != ":")
        throw InputError(ats_c, "", "the harness printed an unreadable line: " + line);
    c.vf = vf;
    c.dev = {dev[0] != 0, dev[1] != 0, dev[2] != 0, dev[3]};
    c.pf = {pf[0] != 0, pf[1] != 0, pf[2] != 0, pf[3]};
    c.warn_line = out[1];
    c.kernel = {out[0], out[1] != 0, out[2] != 0, out[3], out[4] != 0};
    return c;
}

std::vector<PciCase> run_cases(const fs::path& exe, const std::string& ats_c) {
    std::vector<PciCase> cases;
    std::istringstream in(run_harness(exe, "", kHarnessSeconds, ats_c));
    for (std::string line; std::getline(in, line);)
        cases.push_back(parse_case(line, ats_c));
    return cases;
}

// A PF and its VF, to run the model's rules on.
Scenario pf_and_vf() {
    const nlohmann::json j = {
        {"name", "conform"},
        {"smmus", {{{"name", "smmu0"}, {"stu", kPciAtsMinStu}}}},
        {"devices",
         {{{"name", "0000:01:00.0"}, {"ats_cap", true}},
          {{"name", "0000:01:00.1"}, {"ats_cap", true}, {"pf", "0000:01:00.0"}}}},
        {"domains", {{{"name", "blocked"}, {"kind", "blocked"}}}},
        {"lock", "global"}};
    return scenario_from_json("conform", j, std::nullopt);
}

int call_model(ConcreteContext& x, const System& sys, const PciCase& c, int dev) {
    if (c.helper == kfn::pci_prepare_ats.name)
        return pci_prepare_ats(x, sys, dev, c.ps);
    if (c.helper == kfn::pci_enable_ats.name)
        return pci_enable_ats(x, sys, dev, c.ps);
    if (c.helper == kfn::pci_disable_ats.name) {
        pci_disable_ats(x, sys, dev);
        return 0;
    }
    if (c.helper == kfn::pci_ats_supported.name)
        return pci_ats_supported(x, sys, dev);
    throw std::runtime_error("the harness ran an unknown helper " + c.helper);
}

// The model's rules on the case's inputs: the PF is device 0, the VF device 1.
PciOutcome model_outcome(const System& sys, const PciCase& c) {
    ConcreteState st = initial_states(sys).front();
    auto set = [&](int p, const PciSide& side) {
        st.pdev[p].ats_cap = side.cap;
        st.pdev[p].untrusted = side.untrusted;
        st.pdev[p].ats_enabled = side.enabled;
        st.pdev[p].ats_stu = side.stu;
    };
    const int dev = c.vf ? 1 : 0;
    set(0, c.vf ? c.pf : c.dev);
    if (c.vf)
        set(1, c.dev);
    std::vector<KernelEvent> log;
    ConcreteContext x(st, nullptr, &log);
    PciOutcome o;
    o.ret = call_model(x, sys, c, dev);
    auto any = [&](KernelEvent::Kind k) {
        return std::any_of(log.begin(), log.end(),
                           [k](const KernelEvent& e) { return e.kind == k; });
    };
    o.warned = any(KernelEvent::Kind::Warn);
    o.wrote = any(KernelEvent::Kind::ConfigWrite);
    o.enabled = st.pdev[dev].ats_enabled;
    o.stu = st.pdev[dev].ats_stu;
    return o;
}

PciCombination compare(const std::vector<PciCase>& cases, const Scenario& scenario,
                       const PciKnobs& knobs) {
    Revision r;
    r.name = "conform";
    r.ats_supported = knobs.ats_supported;
    r.prepare_vf = knobs.prepare_vf;
    const System sys{r, scenario};
    PciCombination out{knobs, {}};
    for (const auto& c : cases)
        if (const PciOutcome m = model_outcome(sys, c); !(m == c.kernel))
            out.disagreements.push_back({&c, m});
    return out;
}

std::string side_text(const PciSide& s) {
    return std::string(s.cap ? "cap" : "no cap") + (s.untrusted ? ", untrusted" : "") +
           (s.enabled ? ", enabled" : ", disabled") + ", stu " + std::to_string(s.stu);
}

std::string outcome_text(const PciOutcome& o) {
    return "ret " + std::to_string(o.ret) + (o.warned ? ", WARN" : "") + ", ats_enabled " +
           std::to_string(o.enabled) + ", ats_stu " + std::to_string(o.stu) +
           (o.wrote ? ", config written" : "");
}

} // namespace

std::string describe(const PciKnobs& k) {
    return std::string("ats_supported ") + to_string(k.ats_supported) + ", prepare_vf " +
           to_string(k.prepare_vf);
}

std::string describe(const PciDisagreement& d) {
    const PciCase& c = *d.at;
    const bool takes_ps =
        c.helper == kfn::pci_prepare_ats.name || c.helper == kfn::pci_enable_ats.name;
    return c.helper + "(" + (c.vf ? "VF" : "PF") +
           (takes_ps ? ", ps " + std::to_string(c.ps) : "") + ") with device {" + side_text(c.dev) +
           "}" + (c.vf ? " and PF {" + side_text(c.pf) + "}" : "") + ": kernel " +
           outcome_text(c.kernel) + "; model " + outcome_text(d.model);
}

int PciConformance::warn_line(const KernelFunction& helper) const {
    const auto it = warn_lines.find(helper.name);
    return it != warn_lines.end() && it->second.size() == 1 ? *it->second.begin() : 0;
}

Revision pci_revision(const PciConformance& pci) {
    Revision r;
    r.name = "conform";
    r.ats_supported = pci.combinations.front().knobs.ats_supported;
    r.prepare_vf = pci.combinations.front().knobs.prepare_vf;
    for (auto [fn, line] : {std::pair{&kfn::pci_prepare_ats, &r.warn_lines.prepare},
                            {&kfn::pci_enable_ats, &r.warn_lines.enable},
                            {&kfn::pci_disable_ats, &r.warn_lines.disable}})
        if (const int found = pci.warn_line(*fn))
            *line = found;
    return r;
}

PciConformance conform_pci(const std::string& kernel_dir) {
    if (!fs::is_directory(kernel_dir))
        throw InputError("--kernel", kernel_dir, "no such directory");
    const std::string ats_c = (fs::path(kernel_dir) / kAtsFile).string();
    if (!fs::is_regular_file(ats_c))
        throw InputError("--kernel", kernel_dir, std::string("no ") + kAtsFile + " in this tree");
    PciConformance out;
    out.ats_c = ats_c;
    {
        const TempDir tmp;
        out.cases = run_cases(build_harness(tmp, ats_c), ats_c);
    }
    if (out.cases.empty())
        throw InputError(ats_c, "", "the harness ran no case");
    for (const auto& c : out.cases)
        if (c.warn_line)
            out.warn_lines[c.helper].insert(c.warn_line);
    const Scenario scenario = pf_and_vf();
    for (AtsSupported a : {AtsSupported::OwnCap, AtsSupported::PfAware})
        for (PrepareVf p : {PrepareVf::Noop, PrepareVf::ValidateStu})
            out.combinations.push_back(compare(out.cases, scenario, {a, p}));
    std::stable_sort(out.combinations.begin(), out.combinations.end(),
                     [](const PciCombination& a, const PciCombination& b) {
                         return a.disagreements.size() < b.disagreements.size();
                     });
    return out;
}

} // namespace atscheck
