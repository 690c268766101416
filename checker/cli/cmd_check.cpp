// check, replay and list.
#include <algorithm>
#include <iostream>

#include "checker/cli/commands.hpp"
#include "checker/cli/progress.hpp"
#include "checker/cli/report_files.hpp"
#include "checker/input/itf.hpp"
#include "checker/input/json_fields.hpp"
#include "checker/input/load.hpp"
#include "checker/reports/check_report.hpp"
#include "checker/reports/coverage_report.hpp"
#include "checker/reports/mail.hpp"
#include "checker/reports/story.hpp"
#include "checker/sweeps/matrix.hpp"
#include "checker/traces/output_files.hpp"

namespace atscheck::cli {

namespace {} // namespace

ExitCode cmd_check(const CheckArgs& a) {
    if (!a.kernel_dir.empty())
        return cmd_check_code(a);
    if (a.revisions.empty())
        throw InputError("--revision", "", "check needs a revision (-r) or a tree (--kernel)");
    EngineChoice engine = a.engine;
    engine.emit_smt2 = !a.smt2_dir.empty();
    validate_engine_choice(engine);
    const auto props = selected_properties(a.properties, a.user_properties.add());
    std::vector<std::string> revisions = a.revisions;
    if (revisions.size() == 1 && revisions[0] == "all")
        revisions = shipped_names("revisions");
    // Load every input before running anything, so bad input writes nothing.
    auto cells = load_cells(cross_product(revisions, {a.scenario}, props));
    if (!a.mutant.empty())
        for (auto& cell : cells) {
            cell.system.mutant = mutant_from_cli(a.mutant);
            // Every report, trace and table names the revision: so each says
            // that this is not the real model.
            cell.system.revision.name += "+" + a.mutant;
        }
    if (!a.out_dir.empty())
        prepare_out_dir(a.out_dir, "--out");
    if (!a.smt2_dir.empty())
        prepare_out_dir(a.smt2_dir, "--emit-smt2");
    check_report_paths(a.reports);
    std::vector<CheckedSystem> checks;
    for (const auto& cell : cells) {
        const std::string what = cell.system.revision.name + " on " + cell.system.scenario.name;
        checks.push_back(check_system(cell.system, engine, props, engine_progress(what)));
        if (!a.out_dir.empty())
            write_traces(checks.back(), a.out_dir);
        if (!a.smt2_dir.empty())
            write_obligations(checks.back(), a.smt2_dir);
    }
    write_reports(a.reports, SweepReport{"atscheck check", engine.engine, checks, nullptr, ""});
    // --vacuity: a coverage pass per revision, under the same time and memory limits.
    const Vacuity vacuity = parse_vacuity(a.vacuity);
    EngineChoice limits = engine;
    limits.depth.reset();
    const auto coverage = vacuity == Vacuity::Off ? std::vector<CoverageReport>{}
                                                  : measure_coverage_of(cells, limits);
    if (a.format == "mail") {
        for (const auto& c : checks)
            std::cout << render_mail(c, "revision " + c.system.revision.name);
    } else if (a.format == "json") {
        nlohmann::json all = nlohmann::json::array();
        for (size_t i = 0; i < checks.size(); ++i) {
            all.push_back(render_json(checks[i]));
            if (!coverage.empty())
                all.back()["coverage"] = render_coverage_json(coverage[i]);
        }
        std::cout << (all.size() == 1 ? all[0] : nlohmann::json{{"checks", all}}).dump(2) << "\n";
    } else {
        std::cout << (checks.size() == 1 ? render_text(checks[0], true)
                                         : render_verdict_table(checks));
        for (const auto& r : coverage)
            std::cout << render_vacuity_lines(r);
    }
    return most_severe(exit_code_for(checks), most_severe(vacuity_exit_code(coverage, vacuity),
                                                          vacuity_exit_code(checks, vacuity)));
}

ExitCode cmd_replay(const std::string& file, const std::string& format) {
    ItfTrace t = trace_from_itf(file, read_json_file(file));
    const ReplayResult r = replay_trace(t.system, t.trace);
    if (r.mismatch)
        throw InputError(file, "$.states[" + std::to_string(r.mismatch->state_index) + "]",
                         "not a run of the model: " + r.mismatch->what);
    std::vector<std::string> violated;
    for (PropertyId id : r.violated)
        violated.push_back(property_info(id).name);
    const bool claims = !t.meta.property.empty();
    if (claims && !find_property(t.meta.property))
        throw InputError(file, "$.#meta.property", "unknown property \"" + t.meta.property + "\"");
    if (claims && std::find(violated.begin(), violated.end(), t.meta.property) == violated.end())
        throw InputError(file, "$.#meta.property",
                         "the trace replays but does not violate \"" + t.meta.property + "\"");
    if (format == "json") {
        std::cout << nlohmann::json{{"trace", file},
                                    {"revision", t.system.revision.name},
                                    {"scenario", t.system.scenario.name},
                                    {"steps", t.trace.steps.size()},
                                    {"replays", true},
                                    {"violated", violated}}
                         .dump(2)
                  << "\n";
    } else {
        std::cout << file << ": replays on revision " << t.system.revision.name << ", scenario "
                  << t.system.scenario.name << " (" << t.trace.steps.size() << " steps)\n";
        std::cout << render_story(t.system, t.trace);
        std::cout << (violated.empty() ? "violates no property" : "violates:");
        for (const auto& v : violated)
            std::cout << " " << v;
        std::cout << "\n";
    }
    return violated.empty() ? ExitCode::Ok : ExitCode::Violated;
}

ExitCode cmd_list() {
    std::cout << "Revisions (" << examples_dir() << "/revisions):\n";
    for (const auto& name : shipped_names("revisions")) {
        const Revision r = load_revision(name);
        std::cout << "  " << name << ": " << r.description << "\n";
    }
    std::cout << "\nScenarios (" << examples_dir() << "/scenarios; fleet-N sets N PF/VF pairs):\n";
    for (const auto& name : shipped_names("scenarios")) {
        const Scenario s = load_scenario(name);
        std::cout << "  " << name << ": " << s.description << "\n";
    }
    std::cout << "\nProperties:\n";
    for (const auto& p : all_properties())
        std::cout << "  " << p.name << ": " << p.meaning << "\n      symptom: " << p.symptom
                  << "\n";
    return ExitCode::Ok;
}

} // namespace atscheck::cli
