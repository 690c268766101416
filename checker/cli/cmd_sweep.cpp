// matrix, ci and diff: commands that check many (revision, scenario) cells.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "checker/cli/commands.hpp"
#include "checker/cli/progress.hpp"
#include "checker/cli/report_files.hpp"
#include "checker/conform/drift.hpp"
#include "checker/input/input_error.hpp"
#include "checker/input/load.hpp"
#include "checker/reports/check_report.hpp"
#include "checker/reports/mail.hpp"
#include "checker/reports/sarif.hpp"
#include "checker/reports/series_report.hpp"
#include "checker/reports/story.hpp"
#include "checker/sweeps/expectations.hpp"
#include "checker/sweeps/matrix.hpp"
#include "checker/sweeps/revision_diff.hpp"
#include "checker/sweeps/series_gate.hpp"
#include "checker/sweeps/shards.hpp"
#include "checker/traces/output_files.hpp"

namespace atscheck::cli {

namespace fs = std::filesystem;

namespace {

// --revisions/--scenarios items: a directory stands for its *.json files
// (sorted), `all` for the shipped ones, anything else for itself.
std::vector<std::string> expand_inputs(const std::vector<std::string>& items,
                                       const std::string& kind, const std::string& option) {
    if (items.empty())
        return shipped_names(kind);
    std::vector<std::string> out;
    for (const auto& item : items) {
        if (item == "all") {
            const auto shipped = shipped_names(kind);
            out.insert(out.end(), shipped.begin(), shipped.end());
        } else if (fs::is_directory(item)) {
            std::vector<std::string> files;
            for (const auto& e : fs::directory_iterator(item))
                if (e.path().extension() == ".json")
                    files.push_back(e.path().string());
            if (files.empty())
                throw InputError(option, item, "the directory holds no .json file");
            std::sort(files.begin(), files.end());
            out.insert(out.end(), files.begin(), files.end());
        } else {
            out.push_back(item);
        }
    }
    return out;
}

void write_all_traces(std::vector<CheckedSystem>& cells, const std::string& dir) {
    if (dir.empty())
        return;
    for (auto& c : cells)
        write_traces(c, dir);
}

} // namespace

ExitCode cmd_matrix(const MatrixArgs& a) {
    validate_engine_choice(a.engine);
    const auto props = selected_properties(a.properties, a.user_properties.add());
    const Shard shard = a.shard.empty() ? Shard{} : parse_shard(a.shard);
    const auto all_cells =
        load_cells(cross_product(expand_inputs(a.revisions, "revisions", "--revisions"),
                                 expand_inputs(a.scenarios, "scenarios", "--scenarios"), props));
    const auto indices = shard_cells(all_cells.size(), shard);
    std::vector<LoadedCell> cells;
    for (size_t i : indices)
        cells.push_back(all_cells[i]);
    if (!a.out_dir.empty())
        prepare_out_dir(a.out_dir, "--out");
    check_report_paths(a.reports);
    auto results = run_sweep(cells, a.engine, sweep_progress());
    write_all_traces(results, a.out_dir);
    const SweepReport report{"atscheck matrix", a.engine.engine, results, nullptr, ""};
    write_reports(a.reports, report);
    if (a.format == "json") {
        nlohmann::json out = render_matrix_json(report);
        annotate_shard(out, results, indices, shard, all_cells.size());
        std::cout << out.dump(2) << "\n";
    } else {
        std::cout << render_matrix_markdown(report);
    }
    return exit_code_for(results);
}

ExitCode cmd_merge(const MergeArgs& a) {
    a.user_properties.add(); // shards may name them
    MergedSweep merged = merge_shards(a.files);
    std::cerr << "atscheck merge: " << merged.replayed
              << " violation(s) replayed from their trace files, " << merged.taken_from_shards
              << " taken from the shard files as recorded"
              << (merged.taken_from_shards ? " (run the shards with --out to have them replayed)"
                                           : "")
              << "\n";
    const SweepReport report{"atscheck merge", merged.engine, merged.cells, nullptr, ""};
    if (a.format == "json") {
        nlohmann::json out = render_matrix_json(report);
        std::vector<size_t> all(merged.cells.size());
        for (size_t i = 0; i < all.size(); ++i)
            all[i] = i;
        annotate_shard(out, merged.cells, all, Shard{}, all.size());
        std::cout << out.dump(2) << "\n";
    } else {
        std::cout << render_matrix_markdown(report);
    }
    return exit_code_for(merged.cells);
}

namespace {

// The tree's bodies against the fingerprints the manifest's revisions carry,
// before any engine runs: Violated, with each drift reported, when one changed.
ExitCode check_kernel_drift(const std::vector<LoadedCell>& cells, const std::string& tree,
                            const CiArgs& a) {
    if (!fs::is_directory(tree))
        throw InputError("--kernel", tree, "no such directory");
    std::vector<const Revision*> revisions;
    for (const auto& c : cells)
        revisions.push_back(&c.system.revision);
    size_t fingerprinted = 0;
    const auto drifts = kernel_drift(revisions, tree, fingerprinted);
    if (fingerprinted == 0)
        std::cerr << "atscheck: ci: no revision of " << a.manifest
                  << " carries fingerprints (atscheck conform --emit-revision writes them): "
                     "nothing of "
                  << tree << " to compare\n";
    if (drifts.empty())
        return ExitCode::Ok;
    if (!a.reports.sarif.empty())
        write_atomically(a.reports.sarif, render_drift_sarif(drifts, tree).dump(2) + "\n");
    if (a.format == "json") {
        nlohmann::json j = nlohmann::json::array();
        for (const auto& d : drifts)
            j.push_back(
                {{"revision", d.revision}, {"function", d.function}, {"message", d.message}});
        std::cout << nlohmann::json{{"kernel", tree}, {"kernel_drift", j}}.dump(2) << "\n";
    } else {
        std::cout << "ci: " << tree << " has drifted from the model; no engine was run:\n";
        for (const auto& d : drifts)
            std::cout << "  " << d.message << "\n";
    }
    return ExitCode::Violated;
}

} // namespace

namespace {

// The deviations (a check's with its counterexample, a series' as its line)
// and the closing count.
void print_deviations(const CiArgs& a, const std::vector<CheckedSystem>& results,
                      const std::vector<Judgement>& judgements, const GatedSeries* series) {
    std::vector<Outcome> outcomes;
    for (const auto& j : judgements)
        outcomes.push_back(j.outcome);
    if (series)
        for (const auto& j : series->judgements)
            outcomes.push_back(j.outcome);
    bool header = false;
    auto deviation = [&](const std::string& message) {
        if (!header)
            std::cout << "\nDeviations from " << a.manifest << ":\n";
        header = true;
        std::cout << "  " << message << "\n";
    };
    for (const auto& j : judgements) {
        if (j.outcome == Outcome::Met)
            continue;
        deviation(j.message);
        const PropertyResult& r = results[j.cell].result.properties[j.property];
        if (j.outcome == Outcome::Regression && r.trace) {
            if (!r.trace_file.empty())
                std::cout << "    trace: " << r.trace_file << "\n";
            std::cout << render_story(results[j.cell].system, *r.trace);
        }
    }
    if (series)
        for (const auto& j : series->judgements)
            if (j.outcome != Outcome::Met)
                deviation(j.message);
    size_t count[5] = {0, 0, 0, 0, 0};
    ExitCode code = ExitCode::Ok;
    for (Outcome o : outcomes) {
        ++count[static_cast<int>(o)];
        code = most_severe(code, gate_exit_code(o));
    }
    std::cout << "\nci: " << outcomes.size() << " expectations on " << results.size() << " cells"
              << (series ? " and a series of " + std::to_string(series->series.steps.size()) +
                               " commits"
                         : "")
              << ": " << count[0] << " met, " << count[1] << " regression(s), " << count[2]
              << " stale, " << count[3] << " changed, " << count[4] << " inconclusive -> "
              << (code == ExitCode::Ok         ? "pass"
                  : code == ExitCode::Violated ? "FAIL"
                                               : "inconclusive")
              << "\n";
}

nlohmann::json series_judgements_json(const GatedSeries& g) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& j : g.judgements)
        out.push_back({{"outcome", to_string(j.outcome)}, {"message", j.message}});
    return out;
}

} // namespace

ExitCode cmd_ci(const CiArgs& a) {
    const Manifest m = load_manifest(a.manifest);
    std::vector<CellSpec> specs;
    for (const auto& c : m.cells) {
        CellSpec spec{c.revision, c.scenario, {}};
        for (const auto& [id, expected] : c.properties)
            spec.properties.push_back(id);
        specs.push_back(std::move(spec));
    }
    const auto cells = load_cells(specs);
    const std::string tree = a.kernel_dir.empty() ? m.kernel : a.kernel_dir;
    if (m.series && tree.empty())
        throw InputError(a.manifest, m.series->where,
                         "a series needs a kernel tree: the manifest's \"kernel\" or --kernel");
    if (!a.out_dir.empty())
        prepare_out_dir(a.out_dir, "--out");
    check_report_paths(a.reports);
    if (!tree.empty())
        if (const auto drift = check_kernel_drift(cells, tree, a); drift != ExitCode::Ok)
            return drift;
    auto results = run_sweep(cells, m.engine, sweep_progress());
    write_all_traces(results, a.out_dir);
    const auto judgements = judge(m, results);
    const std::optional<GatedSeries> series =
        m.series ? std::optional(gate_series(*m.series, tree)) : std::nullopt;
    const SweepReport report{"atscheck ci " + a.manifest, m.engine.engine, results, &judgements,
                             a.manifest};
    write_reports(a.reports, report);
    const ExitCode code =
        most_severe(gate_exit_code(judgements), series ? series->exit_code() : ExitCode::Ok);
    if (a.format == "json") {
        nlohmann::json j = render_matrix_json(report);
        if (series) {
            j["series"] = series_json(series->series);
            j["series_judgements"] = series_judgements_json(*series);
        }
        j["exit_code"] = static_cast<int>(code);
        std::cout << j.dump(2) << "\n";
        return code;
    }
    if (!results.empty())
        std::cout << render_matrix_markdown(report);
    if (series)
        std::cout << (results.empty() ? "" : "\n") << render_series_text(series->series);
    print_deviations(a, results, judgements, series ? &*series : nullptr);
    return code;
}

namespace {

nlohmann::json diff_json(const CheckedSystem& a, const CheckedSystem& b,
                         const std::vector<PropertyDiff>& diffs) {
    nlohmann::json changes = nlohmann::json::array();
    for (const auto& d : diffs) {
        const auto& ra = a.result.properties[d.property];
        const auto& rb = b.result.properties[d.property];
        changes.push_back(
            {{"property", property_info(ra.property).name},
             {"change", to_string(d.change)},
             {"a", d.a_cell},
             {"b", d.b_cell},
             {"a_trace", ra.trace_file.empty() ? nlohmann::json() : nlohmann::json(ra.trace_file)},
             {"b_trace", rb.trace_file.empty() ? nlohmann::json() : nlohmann::json(rb.trace_file)},
             {"a_trace_on_b", d.a_trace_on_b},
             {"b_trace_on_a", d.b_trace_on_a}});
    }
    return {{"a", render_json(a)}, {"b", render_json(b)}, {"changes", changes}};
}

// The changed verdicts, then each change's traces told in kernel terms.
void print_diff(std::ostream& os, const CheckedSystem& ra, const CheckedSystem& rb,
                const std::vector<PropertyDiff>& diffs, const EngineChoice& engine) {
    const std::string an = ra.system.revision.name, bn = rb.system.revision.name;
    os << "atscheck diff " << an << " " << bn << ", scenario " << ra.system.scenario.name
       << ", engine " << cli_name(engine.engine) << "\n\n";
    if (diffs.empty()) {
        os << "No property changes its verdict.\n";
        return;
    }
    os << "  " << pad("property", 30) << pad(an, 14) << pad(bn, 14) << "change\n";
    for (const auto& d : diffs)
        os << "  " << pad(property_info(ra.result.properties[d.property].property).name, 30)
           << pad(d.a_cell, 14) << pad(d.b_cell, 14) << to_string(d.change) << "\n";
    std::string same;
    for (size_t p = 0; p < ra.result.properties.size(); ++p)
        if (std::none_of(diffs.begin(), diffs.end(),
                         [&](const auto& d) { return d.property == p; }))
            same += (same.empty() ? "" : ", ") +
                    std::string(property_info(ra.result.properties[p].property).name) + " (" +
                    verdict_cell(ra.result.properties[p]) + ")";
    if (!same.empty())
        os << "\n  unchanged: " << same << "\n";
    for (const auto& d : diffs) {
        for (const CheckedSystem* side : {&ra, &rb}) {
            const PropertyResult& r = side->result.properties[d.property];
            if (!r.trace)
                continue;
            os << "\n"
               << property_info(r.property).name << " on " << side->system.revision.name
               << ": violated in " << r.depth << " steps"
               << (r.trace_file.empty() ? "" : " (" + r.trace_file + ")") << ":\n"
               << render_story(side->system, *r.trace) << "  "
               << (side == &ra ? d.a_trace_on_b : d.b_trace_on_a) << "\n";
        }
    }
}

} // namespace

ExitCode cmd_diff(const DiffArgs& a) {
    validate_engine_choice(a.engine);
    const auto props = selected_properties(a.properties, a.user_properties.add());
    const auto cells = load_cells(cross_product({a.revision_a, a.revision_b}, {a.scenario}, props));
    if (cells[0].system.revision.name == cells[1].system.revision.name)
        throw InputError("diff", a.revision_b, "compares a revision with itself");
    if (!a.out_dir.empty())
        prepare_out_dir(a.out_dir, "--out");
    auto results = run_sweep(cells, a.engine, sweep_progress());
    write_all_traces(results, a.out_dir);
    const CheckedSystem &ra = results[0], &rb = results[1];
    const auto diffs = diff_verdicts(ra, rb);
    ExitCode code = ExitCode::Ok;
    for (const auto& d : diffs)
        if (d.change == VerdictChange::Broken)
            code = most_severe(code, ExitCode::Violated);
        else if (d.change == VerdictChange::Inconclusive)
            code = most_severe(code, ExitCode::Inconclusive);
    if (a.format == "json") {
        std::cout << diff_json(ra, rb, diffs).dump(2) << "\n";
        return code;
    }
    if (a.format == "mail") { // a reply on the list: 72 columns
        std::ostringstream os;
        print_diff(os, ra, rb, diffs, a.engine);
        std::cout << wrap_for_mail(os.str());
    } else {
        print_diff(std::cout, ra, rb, diffs, a.engine);
    }
    return code;
}

} // namespace atscheck::cli
