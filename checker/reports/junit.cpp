#include "checker/reports/junit.hpp"

#include <cstdio>
#include <sstream>

#include "checker/reports/check_report.hpp"
#include "checker/reports/story.hpp"
#include "checker/reports/xml_escape.hpp"

namespace atscheck {

namespace {

std::string seconds(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", s);
    return buf;
}

// The body of a failure or of system-out: the story of the counterexample.
std::string trace_text(const CheckedSystem& c, const PropertyResult& r) {
    if (!r.trace)
        return "";
    const PropertyInfo& info = property_info(r.property);
    std::string s = std::string(info.name) + " violated in " + std::to_string(r.depth) +
                    " steps: " + info.meaning +
                    "\nsymptom: " + symptom_on(info, c.system.revision) + "\n";
    if (!r.trace_file.empty())
        s += "trace: " + r.trace_file + "\n";
    return s + render_story(c.system, *r.trace);
}

} // namespace

std::string render_junit(const SweepReport& r) {
    size_t tests = 0, failures = 0, skipped = 0;
    double total = 0;
    std::ostringstream suites;
    for (size_t i = 0; i < r.cells.size(); ++i) {
        const CheckedSystem& c = r.cells[i];
        const auto& props = c.result.properties;
        size_t f = 0, s = 0;
        std::ostringstream cases;
        for (size_t p = 0; p < props.size(); ++p) {
            const auto status = r.status(i, p);
            cases << "    <testcase classname=\"atscheck." << xml_escape(c.system.scenario.name)
                  << "." << xml_escape(c.system.revision.name) << "\" name=\""
                  << xml_escape(property_info(props[p].property).name) << "\">\n";
            const std::string summary = xml_escape(r.summary(i, p));
            if (status == SweepReport::Status::Fail) {
                ++f;
                const Judgement* j = r.judgement(i, p);
                cases << "      <failure type=\""
                      << xml_escape(j ? to_string(j->outcome) : "violated") << "\" message=\""
                      << summary << "\">" << summary << "\n"
                      << xml_escape(trace_text(c, props[p])) << "</failure>\n";
            } else if (status == SweepReport::Status::Skip) {
                ++s;
                cases << "      <skipped message=\"" << summary << "\"/>\n";
            } else {
                cases << "      <system-out>" << summary << "\n"
                      << xml_escape(props[p].verdict == Verdict::Proved ? props[p].evidence
                                                                        : trace_text(c, props[p]))
                      << "</system-out>\n";
            }
            cases << "    </testcase>\n";
        }
        tests += props.size();
        failures += f;
        skipped += s;
        total += c.result.stats.seconds;
        suites << "  <testsuite name=\"" << xml_escape(c.system.revision.name) << " on "
               << xml_escape(c.system.scenario.name) << "\" tests=\"" << props.size()
               << "\" failures=\"" << f << "\" errors=\"0\" skipped=\"" << s << "\" time=\""
               << seconds(c.result.stats.seconds) << "\">\n"
               << "    <properties>\n"
               << "      <property name=\"revision\" value=\"" << xml_escape(c.system.revision.name)
               << "\"/>\n"
               << "      <property name=\"scenario\" value=\"" << xml_escape(c.system.scenario.name)
               << "\"/>\n"
               << "      <property name=\"engine\" value=\""
               << xml_escape(result_name(c.result.engine)) << "\"/>\n"
               << "      <property name=\"provenance\" value=\""
               << xml_escape(provenance_of(c.system.scenario).text()) << "\"/>\n"
               << "    </properties>\n"
               << cases.str() << "  </testsuite>\n";
    }
    std::ostringstream os;
    os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       << "<testsuites name=\"" << xml_escape(r.command) << "\" tests=\"" << tests
       << "\" failures=\"" << failures << "\" errors=\"0\" skipped=\"" << skipped << "\" time=\""
       << seconds(total) << "\">\n"
       << suites.str() << "</testsuites>\n";
    return os.str();
}

} // namespace atscheck
