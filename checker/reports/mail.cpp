#include "checker/reports/mail.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

#include "checker/reports/check_report.hpp"
#include "checker/reports/story.hpp"
#include "checker/version.hpp"
#include "model/provenance.hpp"

namespace atscheck {

namespace {

void wrap_line(std::ostringstream& os, std::string line, size_t width) {
    line.erase(line.find_last_not_of(' ') + 1); // a table's padding ends no line
    const size_t indent =
        line.find_first_not_of(' ') == std::string::npos ? 0 : line.find_first_not_of(' ');
    std::string rest = line;
    std::string lead;
    while (rest.size() > width) {
        size_t cut = rest.rfind(' ', width);
        if (cut == std::string::npos || cut <= lead.size() + indent)
            cut = rest.find(' ', width); // a word longer than the line stays whole
        if (cut == std::string::npos)
            break;
        os << rest.substr(0, cut) << "\n";
        lead = std::string(indent + 4, ' ');
        rest = lead + rest.substr(rest.find_first_not_of(' ', cut));
    }
    os << rest << "\n";
}

// The counterexample a reply shows: the shortest that ends in a WARN (its
// splat is what the list recognises), else the shortest. Empty: none.
std::string chosen_story(const CheckedSystem& c) {
    std::vector<const PropertyResult*> violated;
    for (const auto& p : c.result.properties)
        if (p.verdict == Verdict::Violated && p.trace)
            violated.push_back(&p);
    std::stable_sort(violated.begin(), violated.end(),
                     [](const auto* a, const auto* b) { return a->depth < b->depth; });
    std::string first;
    for (const PropertyResult* r : violated) {
        const std::string story = "\nThe shortest trace to " + property_info(r->property).name +
                                  " (" + std::to_string(r->depth) + " steps):\n\n" +
                                  render_story(c.system, *r->trace);
        if (story.find("[ cut here ]") != std::string::npos)
            return story;
        if (first.empty())
            first = story;
    }
    return first;
}

} // namespace

std::string wrap_for_mail(const std::string& text, size_t width) {
    std::ostringstream os;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        wrap_line(os, line, width);
    return os.str();
}

std::string render_mail(const CheckedSystem& c, const std::string& what) {
    std::ostringstream os;
    os << "atscheck " << kToolVersion << " on " << what << ", scenario " << c.system.scenario.name
       << " (" << provenance_of(c.system.scenario).text() << "):\n\n";
    for (const auto& r : c.result.properties)
        os << "  " << pad(property_info(r.property).name, 30) << verdict_cell(r) << "\n";
    os << chosen_story(c);
    return wrap_for_mail(os.str());
}

} // namespace atscheck
