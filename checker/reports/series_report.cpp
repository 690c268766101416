#include "checker/reports/series_report.hpp"

#include <iomanip>
#include <map>
#include <sstream>
#include <tuple>

#include "checker/reports/html_report.hpp"
#include "checker/reports/mail.hpp"
#include "checker/reports/xml_escape.hpp"
#include "checker/version.hpp"

namespace atscheck {

std::string named_commit(const SeriesStep& s) {
    return s.commit + " (\"" + s.subject + "\")";
}

std::vector<std::string> change_lines(const Series& s) {
    std::map<std::tuple<size_t, std::string, std::string, std::string>,
             std::map<std::string, std::vector<std::string>>>
        grouped; // (step, what, from, to) -> property -> scenarios
    for (const auto& c : s.changes)
        grouped[{c.step, c.what(), c.from, c.to}][c.property].push_back(c.scenario);
    std::vector<std::string> out;
    for (const auto& [key, properties] : grouped) {
        const auto& [step, what, from, to] = key;
        std::string line = named_commit(s.steps[step]) + " " + what;
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

std::string render_series_text(const Series& s) {
    std::ostringstream out;
    out << "atscheck " << kToolVersion << ": series " << s.range << " of " << s.tree
        << "\nverdicts from each commit's own code (check --kernel)\n\n";
    for (const auto& step : s.steps)
        out << "  " << std::left << std::setw(10) << step.commit
            << (step.conforms ? "conforms   " : "leaves the model  ") << step.subject << "\n";
    for (const auto& scenario : s.scenarios) {
        out << "\n" << scenario << ":\n  " << std::setw(30) << "property";
        for (const auto& step : s.steps)
            out << std::setw(14) << step.commit;
        out << "\n";
        for (const auto& p : s.properties) {
            out << "  " << std::setw(30) << p;
            for (const auto& step : s.steps) {
                const std::string v = step.verdicts.at(scenario).at(p);
                out << std::setw(14) << (v.rfind("not driven", 0) == 0 ? "-" : v);
            }
            out << "\n";
        }
        const std::string& first = s.steps.front().verdicts.at(scenario).begin()->second;
        if (first.rfind("not driven", 0) == 0)
            out << "  (" << first << ")\n";
    }
    out << "\n" << (s.changes.empty() ? "no verdict changes along the series" : "changes:") << "\n";
    for (const auto& line : change_lines(s))
        out << "  " << line << "\n";
    return out.str();
}

std::string render_series_markdown(const Series& s) {
    std::ostringstream out;
    out << "Series `" << s.range << "`, verdicts from each commit's own code:\n\n";
    for (const auto& scenario : s.scenarios) {
        out << "**" << scenario << "**\n\n| property |";
        for (const auto& step : s.steps)
            out << " " << step.commit << " |";
        out << "\n|---|";
        for (size_t i = 0; i < s.steps.size(); ++i)
            out << "---|";
        out << "\n";
        for (const auto& p : s.properties) {
            out << "| " << p << " |";
            for (const auto& step : s.steps)
                out << " " << step.verdicts.at(scenario).at(p) << " |";
            out << "\n";
        }
        out << "\n";
    }
    for (const auto& line : change_lines(s))
        out << "- " << line << "\n";
    return out.str();
}

// At most 72 columns: the tables four commits wide, the lines wrapped.
std::string render_series_mail(const Series& s) {
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
    return wrap_for_mail(os.str());
}

nlohmann::json series_json(const Series& s) {
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

} // namespace atscheck
