// A random campaign's tally (tests/test_engines_agree.cpp, and longer from
// bench/random_campaign.sh): per shipped property, how many systems violated
// it and at which depths, so that a property no system ever violates shows.
#pragma once

#include <map>
#include <sstream>
#include <string>

#include "checker/engines/result.hpp"

namespace atscheck::test {

struct Campaign {
    int systems = 0;
    std::map<std::string, std::map<int, int>> depths; // property -> depth -> systems
    std::map<std::string, int> seeded; // property -> of those, systems with a seeded fault

    void add(const CheckResult& r, bool mutated) {
        ++systems;
        for (const auto& p : r.properties)
            if (property_info(p.property).shipped) {
                auto& row = depths[property_info(p.property).name];
                if (p.verdict == Verdict::Violated) {
                    ++row[p.depth];
                    seeded[property_info(p.property).name] += mutated;
                }
            }
    }

    int violated(const std::string& property) const {
        int n = 0;
        if (const auto it = depths.find(property); it != depths.end())
            for (const auto& [depth, count] : it->second)
                n += count;
        return n;
    }

    // A Markdown table: property, systems violating it, the depth histogram.
    std::string table() const {
        std::ostringstream os;
        os << "| property | violated in | of which with a seeded fault | depths (steps: "
              "systems) |\n|---|---|---|---|\n";
        for (const auto& [name, histogram] : depths) {
            const auto s = seeded.find(name);
            os << "| " << name << " | " << violated(name) << " of " << systems << " | "
               << (s == seeded.end() ? 0 : s->second) << " | ";
            for (const auto& [depth, count] : histogram)
                os << depth << ": " << count << "  ";
            os << (histogram.empty() ? "never violated" : "") << " |\n";
        }
        return os.str();
    }
};

} // namespace atscheck::test
