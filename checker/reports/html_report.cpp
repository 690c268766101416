#include "checker/reports/html_report.hpp"

#include <algorithm>
#include <sstream>

#include "checker/reports/check_report.hpp"
#include "checker/reports/sequence_diagram.hpp"
#include "checker/reports/trace_view.hpp"
#include "checker/reports/xml_escape.hpp"
#include "checker/version.hpp"

namespace atscheck {

namespace {

const char* const kStyle = R"(
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d1d1f;max-width:1400px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}
h3{font-size:15px;margin:22px 0 6px}code,td.mono,.story{font-family:ui-monospace,monospace}
table{border-collapse:collapse;margin:6px 0 14px}th,td{border:1px solid #d0d0d5;padding:3px 7px;
text-align:left;vertical-align:top}th{background:#f2f2f5;font-weight:600}
.verdict{font-family:ui-monospace,monospace;white-space:nowrap}
.proved{background:#e3f4e6}.violated{background:#fbe1df}.bounded,.unknown{background:#fdf1d2}
.expected{background:#f6ecec;color:#6b4a48}.deviation{outline:3px solid #c62828;outline-offset:-3px}
.summary{padding:8px 12px;border-radius:6px;display:inline-block;margin:8px 0}
.pass{background:#e3f4e6}.fail{background:#fbe1df}.inconclusive{background:#fdf1d2}
td.changed{background:#ffe9a8;font-weight:600}tr.quiet{display:none}
.show-all tr.quiet{display:table-row}.meta{color:#55555a}
.seq text{font:11px ui-monospace,monospace}.seq .actor{fill:#eef1f8;stroke:#5b6b8c}
.seq text.actor{fill:#1d1d1f;stroke:none;font-weight:600}.seq .life{stroke:#9aa3b5;stroke-dasharray:4 4}
.seq .msg{stroke:#333;fill:none}.seq .ret{stroke-dasharray:5 3}.seq .fail{stroke:#c62828}
.seq .dev{stroke:#2e6bb8}.seq .band{fill:#f4f4f7}.seq text.step{font-weight:600}
.seq .warn{fill:#fbe1df;stroke:#c62828}.seq .msg.note,.seq .msg{}.seq rect.msg{fill:#fff6d6;stroke:#b08a00}
)";

// Toggles the unchanged rows of a step table; marks the page ready for tests.
constexpr const char* kScript = R"(
document.querySelectorAll('input.all-fields').forEach(function (box) {
  box.addEventListener('change', function () {
    document.getElementById(box.dataset.table).classList.toggle('show-all', box.checked);
  });
});
document.body.dataset.ready = 'yes';
)";

// A property name that may wrap after each underscore, to keep the matrix narrow.
std::string breakable(const std::string& name) {
    std::string out;
    for (char c : name)
        out += c == '_' ? std::string("_<wbr>") : std::string(1, c);
    return out;
}

std::string anchor(const CheckedSystem& c, const PropertyResult& r) {
    std::string id = "cx-" + c.system.revision.name + "-" + c.system.scenario.name + "-" +
                     property_info(r.property).name;
    for (char& ch : id)
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-')
            ch = '-';
    return id;
}

std::string cell_class(const SweepReport& r, size_t cell, size_t p) {
    const PropertyResult& pr = r.cells[cell].result.properties[p];
    std::string cls = to_string(pr.verdict);
    const Judgement* j = r.judgement(cell, p);
    if (j && is_deviation(j->outcome))
        cls += " deviation";
    else if (j && pr.verdict == Verdict::Violated)
        cls += " expected";
    return cls;
}

void matrix(std::ostream& os, const SweepReport& r) {
    for (const auto& [scenario, cells] : r.by_scenario()) {
        os << "<h3>Scenario <code>" << xml_escape(scenario) << "</code></h3>\n<p class=\"meta\">"
           << xml_escape(provenance_of(r.cells[cells.front()].system.scenario).text())
           << "</p>\n<table><tr><th>revision</th>";
        const auto cols = r.columns(cells);
        for (PropertyId id : cols)
            os << "<th>" << breakable(property_info(id).name) << "</th>";
        os << "</tr>\n";
        for (size_t i : cells) {
            const CheckedSystem& c = r.cells[i];
            os << "<tr><th>" << xml_escape(c.system.revision.name) << "</th>";
            for (PropertyId id : cols) {
                const size_t p = r.property_index(i, id);
                if (p == SweepReport::kNone) {
                    os << "<td>–</td>";
                    continue;
                }
                const PropertyResult& pr = c.result.properties[p];
                os << "<td class=\"verdict " << cell_class(r, i, p) << "\" title=\""
                   << xml_escape(r.summary(i, p)) << "\">";
                if (pr.trace)
                    os << "<a href=\"#" << anchor(c, pr) << "\">" << verdict_cell(pr) << "</a>";
                else
                    os << verdict_cell(pr);
                if (const Judgement* j = r.judgement(i, p); j && is_deviation(j->outcome))
                    os << " ✗ expected " << xml_escape(j->expected.text());
                os << "</td>";
            }
            os << "</tr>\n";
        }
        os << "</table>\n";
    }
}

void step_table(std::ostream& os, const TraceView& v, const std::string& id) {
    const size_t states = v.values.size();
    os << "<p><label><input type=\"checkbox\" class=\"all-fields\" data-table=\"" << id
       << "-steps\"> show the fields that never change</label></p>\n<table id=\"" << id
       << "-steps\"><tr><th>field</th><th>0. initial</th>";
    for (size_t i = 0; i < v.steps.size(); ++i)
        os << "<th>" << i + 1 << ". " << xml_escape(v.steps[i].label)
           << (v.steps[i].picks.empty() ? "" : "<br>" + xml_escape(v.steps[i].picks)) << "</th>";
    os << "</tr>\n<tr><th>calls</th><td></td>";
    for (const auto& s : v.steps) {
        os << "<td class=\"mono\">";
        for (const auto& call : s.calls)
            os << xml_escape(call) << "<br>";
        os << "</td>";
    }
    os << "</tr>\n";
    for (size_t f = 0; f < v.fields.size(); ++f) {
        bool changes = false;
        for (size_t k = 1; k < states; ++k)
            changes = changes || v.values[k][f] != v.values[k - 1][f];
        os << "<tr" << (changes ? "" : " class=\"quiet\"") << "><th class=\"mono\">"
           << xml_escape(v.fields[f].label) << "</th>";
        for (size_t k = 0; k < states; ++k) {
            const bool changed = k > 0 && v.values[k][f] != v.values[k - 1][f];
            os << "<td class=\"mono" << (changed ? " changed" : "") << "\">"
               << xml_escape(v.values[k][f]) << "</td>";
        }
        os << "</tr>\n";
    }
    os << "</table>\n";
}

void counterexample(std::ostream& os, const SweepReport& r, size_t cell, size_t p) {
    const CheckedSystem& c = r.cells[cell];
    const PropertyResult& pr = c.result.properties[p];
    const PropertyInfo& info = property_info(pr.property);
    const std::string id = anchor(c, pr);
    const TraceView v = view_trace(c.system, *pr.trace);
    os << "<section id=\"" << id << "\"><h3><code>" << info.name << "</code> on "
       << xml_escape(c.system.revision.name) << " × " << xml_escape(c.system.scenario.name)
       << ": violated in " << pr.depth << " steps</h3>\n<p>" << xml_escape(info.meaning)
       << "<br><span class=\"meta\">symptom: " << xml_escape(symptom_on(info, c.system.revision))
       << "<br>this trace is " << xml_escape(trace_provenance(c.system, *pr.trace).text())
       << (pr.trace_file.empty() ? "" : "<br>trace: <code>" + xml_escape(pr.trace_file) + "</code>")
       << (r.judgement(cell, p) ? "<br>" + xml_escape(r.judgement(cell, p)->message) : "")
       << "</span></p>\n";
    step_table(os, v, id);
    os << render_sequence_svg(v) << "</section>\n";
}

} // namespace

std::string render_html(const SweepReport& r) {
    size_t pass = 0, fail = 0, skip = 0;
    for (size_t i = 0; i < r.cells.size(); ++i)
        for (size_t p = 0; p < r.cells[i].result.properties.size(); ++p)
            switch (r.status(i, p)) {
            case SweepReport::Status::Pass:
                ++pass;
                break;
            case SweepReport::Status::Fail:
                ++fail;
                break;
            case SweepReport::Status::Skip:
                ++skip;
                break;
            }
    const char* overall = fail ? "fail" : skip ? "inconclusive" : "pass";
    std::ostringstream os;
    os << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<title>atscheck report</title><style>" << kStyle << "</style></head><body>\n"
       << "<h1>atscheck report</h1><p class=\"meta\"><code>" << xml_escape(r.command)
       << "</code> · atscheck " << kToolVersion << " · engine " << xml_escape(cli_name(r.engine))
       << "</p>\n<div class=\"summary " << overall << "\">" << overall << ": " << pass
       << (r.judgements ? " as expected, " : " proved, ") << fail
       << (r.judgements ? " deviations, " : " violated, ") << skip << " inconclusive</div>\n"
       << "<h2>Verdicts</h2>\n";
    matrix(os, r);
    if (r.judgements && fail) {
        os << "<h2>Deviations</h2><ul>\n";
        for (const auto& j : *r.judgements)
            if (is_deviation(j.outcome))
                os << "<li>" << xml_escape(j.message) << "</li>\n";
        os << "</ul>\n";
    }
    os << "<h2>Counterexamples</h2>\n";
    bool any = false;
    for (size_t i = 0; i < r.cells.size(); ++i)
        for (size_t p = 0; p < r.cells[i].result.properties.size(); ++p)
            if (r.cells[i].result.properties[p].trace) {
                counterexample(os, r, i, p);
                any = true;
            }
    if (!any)
        os << "<p>None: no property is violated.</p>\n";
    os << "<script>" << kScript << "</script>\n</body></html>\n";
    return os.str();
}

const char* report_style() {
    return kStyle;
}

} // namespace atscheck
