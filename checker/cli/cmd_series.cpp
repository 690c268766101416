// series: a patch series checked commit by commit (checker/conform/series.hpp).
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "checker/cli/commands.hpp"
#include "checker/conform/series.hpp"
#include "checker/conform/stub_build.hpp"
#include "checker/input/input_error.hpp"
#include "checker/reports/html_report.hpp"
#include "checker/reports/mail.hpp"
#include "checker/reports/xml_escape.hpp"
#include "checker/traces/output_files.hpp"
#include "checker/version.hpp"

namespace atscheck::cli {

namespace {

// "fe0a1b2 (iommu/arm-smmu-v3: Reorder ...)"
std::string named(const SeriesStep& s) {
    return s.commit + " (\"" + s.subject + "\")";
}

// The changes as a reviewer writes them: one line per commit and change,
// e.g. 'fe0a1b2 ("...") breaks nr_ats_masters_consistent (one-function,
// pf-vf-real): proved -> violated@5'.
std::vector<std::string> change_lines(const Series& s) {
    std::map<std::tuple<size_t, std::string, std::string, std::string>,
             std::map<std::string, std::vector<std::string>>>
        grouped; // (step, what, from, to) -> property -> scenarios
    for (const auto& c : s.changes)
        grouped[{c.step, c.what(), c.from, c.to}][c.property].push_back(c.scenario);
    std::vector<std::string> out;
    for (const auto& [key, properties] : grouped) {
        const auto& [step, what, from, to] = key;
        std::string line = named(s.steps[step]) + " " + what;
        bool first = true;
        for (const auto& [property, scenarios] : properties) {
            line += (first ? " " : ", ") + property + " (";
            for (size_t i = 0; i < scenarios.size(); ++i)
                line += (i ? ", " : "") + scenarios[i];
            line += ")";
            first = false;
        }
        out.push_back(line + ": " + from + " -> " + to);
    }
    return out;
}

void print_text(const Series& s) {
    std::cout << "atscheck " << kToolVersion << ": series " << s.range << " of " << s.tree
              << "\nverdicts from each commit's own code (check --kernel)\n\n";
    for (const auto& step : s.steps)
        std::cout << "  " << std::left << std::setw(10) << step.commit
                  << (step.conforms ? "conforms   " : "leaves the model  ") << step.subject << "\n";
    for (const auto& scenario : s.scenarios) {
        std::cout << "\n" << scenario << ":\n  " << std::setw(30) << "property";
        for (const auto& step : s.steps)
            std::cout << std::setw(14) << step.commit;
        std::cout << "\n";
        for (const auto& p : s.properties) {
            std::cout << "  " << std::setw(30) << p;
            for (const auto& step : s.steps) {
                const std::string v = step.verdicts.at(scenario).at(p);
                std::cout << std::setw(14) << (v.rfind("not driven", 0) == 0 ? "-" : v);
            }
            std::cout << "\n";
        }
        const std::string& first = s.steps.front().verdicts.at(scenario).begin()->second;
        if (first.rfind("not driven", 0) == 0)
            std::cout << "  (" << first << ")\n";
    }
    std::cout << "\n"
              << (s.changes.empty() ? "no verdict changes along the series" : "changes:") << "\n";
    for (const auto& line : change_lines(s))
        std::cout << "  " << line << "\n";
}

void print_markdown(const Series& s) {
    std::cout << "Series `" << s.range << "`, verdicts from each commit's own code:\n\n";
    for (const auto& scenario : s.scenarios) {
        std::cout << "**" << scenario << "**\n\n| property |";
        for (const auto& step : s.steps)
            std::cout << " " << step.commit << " |";
        std::cout << "\n|---|";
        for (size_t i = 0; i < s.steps.size(); ++i)
            std::cout << "---|";
        std::cout << "\n";
        for (const auto& p : s.properties) {
            std::cout << "| " << p << " |";
            for (const auto& step : s.steps)
                std::cout << " " << step.verdicts.at(scenario).at(p) << " |";
            std::cout << "\n";
        }
        std::cout << "\n";
    }
    for (const auto& line : change_lines(s))
        std::cout << "- " << line << "\n";
}

// At most 72 columns: the tables four commits wide, the lines wrapped.
void print_mail(const Series& s) {
    constexpr size_t kCommitsPerTable = 4;
    std::ostringstream os;
    os << "atscheck " << kToolVersion << ", series " << s.range
       << ", verdicts from each commit's own code:\n\n";
    for (const auto& step : s.steps)
        os << "  " << step.commit << (step.conforms ? "  " : "* ") << step.subject << "\n";
    os << "  (* leaves the model: checked on its code alone)\n";
    for (const auto& scenario : s.scenarios)
        for (size_t from = 0; from < s.steps.size(); from += kCommitsPerTable) {
            const size_t to = std::min(s.steps.size(), from + kCommitsPerTable);
            os << "\n" << scenario << ":\n  " << std::left << std::setw(30) << "";
            for (size_t i = from; i < to; ++i)
                os << std::setw(10) << s.steps[i].commit;
            os << "\n";
            for (const auto& p : s.properties) {
                os << "  " << std::setw(30) << p;
                for (size_t i = from; i < to; ++i) {
                    const std::string v = s.steps[i].verdicts.at(scenario).at(p);
                    os << std::setw(10) << (v.rfind("not driven", 0) == 0 ? "-" : v);
                }
                os << "\n";
            }
        }
    os << "\n";
    for (const auto& line : change_lines(s))
        os << line << "\n";
    std::cout << wrap_for_mail(os.str());
}

nlohmann::json to_json(const Series& s) {
    nlohmann::json steps = nlohmann::json::array(), changes = nlohmann::json::array();
    for (const auto& step : s.steps)
        steps.push_back({{"commit", step.commit},
                         {"subject", step.subject},
                         {"conforms", step.conforms},
                         {"knobs", step.knobs},
                         {"verdicts", step.verdicts}});
    for (const auto& c : s.changes)
        changes.push_back({{"commit", s.steps[c.step].commit},
                           {"scenario", c.scenario},
                           {"property", c.property},
                           {"from", c.from},
                           {"to", c.to},
                           {"what", c.what()}});
    return {{"tool", std::string("atscheck ") + kToolVersion},
            {"tree", s.tree},
            {"range", s.range},
            {"scenarios", s.scenarios},
            {"steps", steps},
            {"changes", changes}};
}

// One page: the commits, a table per scenario (a changed cell marked), and
// the changes, with the HTML report's style.
std::string series_html(const Series& s) {
    std::ostringstream os;
    os << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>atscheck series</title>"
       << "<style>" << report_style() << "</style></head><body>\n<h1>atscheck series</h1>"
       << "<p class=\"meta\"><code>" << xml_escape(s.range) << "</code> of <code>"
       << xml_escape(s.tree) << "</code>: verdicts from each commit's own code</p>\n<table>"
       << "<tr><th>commit</th><th>code</th><th>subject</th></tr>\n";
    for (const auto& step : s.steps)
        os << "<tr><td class=\"mono\">" << xml_escape(step.commit) << "</td><td>"
           << (step.conforms ? "conforms" : "leaves the model") << "</td><td>"
           << xml_escape(step.subject) << "</td></tr>\n";
    os << "</table>\n";
    for (const auto& scenario : s.scenarios) {
        os << "<h3>Scenario <code>" << xml_escape(scenario) << "</code></h3>\n<table><tr>"
           << "<th>property</th>";
        for (const auto& step : s.steps)
            os << "<th class=\"mono\">" << xml_escape(step.commit) << "</th>";
        os << "</tr>\n";
        for (const auto& p : s.properties) {
            os << "<tr><th class=\"mono\">" << xml_escape(p) << "</th>";
            for (size_t i = 0; i < s.steps.size(); ++i) {
                const std::string v = s.steps[i].verdicts.at(scenario).at(p);
                const bool changed = i > 0 && s.steps[i - 1].verdicts.at(scenario).at(p) != v;
                os << "<td class=\"verdict " << v.substr(0, v.find('@'))
                   << (changed ? " changed" : "") << "\">" << xml_escape(v) << "</td>";
            }
            os << "</tr>\n";
        }
        os << "</table>\n";
    }
    os << "<h2>Changes</h2>\n<ul>\n";
    for (const auto& line : change_lines(s))
        os << "<li>" << xml_escape(line) << "</li>\n";
    os << "</ul>\n</body></html>\n";
    return os.str();
}

// The series in the asked format; exit 1 when a commit breaks a verdict.
ExitCode report(const Series& s, const std::string& format, const std::string& html) {
    if (!html.empty())
        write_atomically(html, series_html(s));
    if (format == "json")
        std::cout << to_json(s).dump(2) << "\n";
    else if (format == "markdown")
        print_markdown(s);
    else if (format == "mail")
        print_mail(s);
    else
        print_text(s);
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
