// check --kernel DIR: the properties checked on a tree's own code, its
// compiled SMMU slice and ats.c as the transition function
// (checker/conform/code_engine.hpp), on one scenario.
#include <iostream>

#include "checker/cli/commands.hpp"
#include "checker/cli/progress.hpp"
#include "checker/cli/report_files.hpp"
#include "checker/conform/code_engine.hpp"
#include "checker/conform/revision_draft.hpp"
#include "checker/conform/slice_cache.hpp"
#include "checker/conform/smmu_lockstep.hpp"
#include "checker/conform/stub_build.hpp"
#include "checker/input/input_error.hpp"
#include "checker/input/load.hpp"
#include "checker/limits/memory_limit.hpp"
#include "checker/reports/check_report.hpp"
#include "checker/reports/mail.hpp"
#include "checker/traces/output_files.hpp"

namespace atscheck::cli {

namespace {

// What the model contributes to a check on the code: the scenario's
// environment, and the PCI knobs and WARN lines read from the tree's ats.c
// (the properties and the reports name sites by them).
System code_system(const CheckArgs& a, const CompiledTree& tree) {
    Revision r = tree.pci;
    r.name = "kernel";
    r.description = "the code of " + a.kernel_dir;
    return System{r, load_scenario(a.scenario)};
}

void refuse_model_flags(const CheckArgs& a) {
    const char* flag = !a.revisions.empty()              ? "--revision"
                       : !a.smt2_dir.empty()             ? "--emit-smt2"
                       : a.engine.engine != Engine::Auto ? "--engine"
                       : a.vacuity != "off"              ? "--vacuity"
                                                         : nullptr;
    if (flag)
        throw InputError(flag, "",
                         "does not apply with --kernel: the tree's code is checked by its own "
                         "explicit search, bounded by --depth, --timeout and --memory-limit");
}

} // namespace

ExitCode cmd_check_code(const CheckArgs& a) {
    refuse_model_flags(a);
    validate_engine_choice(a.engine); // --depth, --timeout: no negative or absurd bound
    const auto props = selected_properties(a.properties, a.user_properties.add());
    const Scenario scenario = load_scenario(a.scenario); // bad input before any build
    if (!a.out_dir.empty())
        prepare_out_dir(a.out_dir, "--out");
    check_report_paths(a.reports);
    const TempDir tmp;
    const CompiledTree tree = compiled_tree(a.kernel_dir, tmp.path());
    const SmmuSlice& slice = tree.slice;
    const System sys = code_system(a, tree);
    check_properties_against(sys, props);
    if (const std::string why = why_not_driven(sys, slice); !why.empty())
        throw InputError(a.scenario, "", "the code engine cannot drive " + why);
    const std::string shown_as = a.kernel_dir + "/" + kSmmuFile;
    CodeSearchLimits limits;
    limits.max_depth = a.engine.depth.value_or(limits.max_depth);
    limits.seconds = a.engine.timeout.value_or(0);
    limits.symmetry = a.engine.symmetry;
    std::optional<MemoryLimit> memory;
    if (a.engine.memory_limit_mb.value_or(0) > 0)
        memory.emplace(*a.engine.memory_limit_mb);
    CheckedSystem checked{sys, check_on_code(slice, sys, props, shown_as, limits,
                                             engine_progress("the code of " + a.kernel_dir))};
    memory.reset();
    if (!a.out_dir.empty())
        write_traces(checked, a.out_dir);
    write_reports(a.reports,
                  SweepReport{"atscheck check --kernel", Engine::Explicit, {checked}, nullptr, ""});
    const std::string on =
        "checked on the code of " + a.kernel_dir + " (" + tree_identity(a.kernel_dir) + ")";
    if (a.format == "mail") {
        std::cout << render_mail(checked, "the code of " + a.kernel_dir + " (" +
                                              tree_identity(a.kernel_dir) + ")");
    } else if (a.format == "json") {
        nlohmann::json j = render_json(checked);
        j["checked_on"] = {{"kernel", a.kernel_dir}, {"tree", tree_identity(a.kernel_dir)}};
        std::cout << j.dump(2) << "\n";
    } else {
        std::cout << on << "\n" << render_text(checked, true);
    }
    return exit_code_for({checked});
}

} // namespace atscheck::cli
