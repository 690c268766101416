// series: a patch series checked commit by commit (checker/conform/series.hpp).
#include <iostream>

#include "checker/cli/commands.hpp"
#include "checker/conform/series.hpp"
#include "checker/conform/stub_build.hpp"
#include "checker/input/input_error.hpp"
#include "checker/reports/series_report.hpp"
#include "checker/traces/output_files.hpp"

namespace atscheck::cli {

namespace {

// The series in the asked format; exit 1 when a commit breaks a verdict.
ExitCode report(const Series& s, const std::string& format, const std::string& html) {
    if (!html.empty())
        write_atomically(html, series_html(s));
    if (format == "json")
        std::cout << series_json(s).dump(2) << "\n";
    else if (format == "markdown")
        std::cout << render_series_markdown(s);
    else if (format == "mail")
        std::cout << render_series_mail(s);
    else
        std::cout << render_series_text(s);
    for (const auto& c : s.changes)
        if (std::string(c.what()) == "breaks")
            return ExitCode::Violated;
    return ExitCode::Ok;
}

} // namespace

ExitCode cmd_series(const SeriesArgs& a) {
    const auto props = selected_properties(a.properties, a.user_properties.add());
    const auto scenarios = a.scenarios.empty() ? default_series_scenarios() : a.scenarios;
    if (a.patches.empty() && a.range.empty())
        throw InputError("RANGE", "", "series needs BASE..TIP or --patch FILE");
    if (a.patches.empty())
        return report(check_series(a.kernel_dir, a.range, scenarios, props), a.format, a.html);
    const TempDir work;
    const std::string range = apply_patches(a.kernel_dir, a.patches, work.path() / "tree");
    Series s = check_series((work.path() / "tree").string(), range, scenarios, props);
    s.tree = a.kernel_dir + " with " + std::to_string(a.patches.size()) + " patch file(s)";
    s.range = "the patches";
    return report(s, a.format, a.html);
}

} // namespace atscheck::cli
