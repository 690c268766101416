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
    std::map<std::string, int> seeded;     // property -> of those, systems with a seeded fault
    std::map<std::string, uint32_t> first; // property -> the first seed violating it without one

    void add(const CheckResult& r, bool mutated, uint32_t seed) {
        ++systems;
        for (const auto& p : r.properties)
            if (property_info(p.property).shipped) {
                auto& row = depths[property_info(p.property).name];
                if (p.verdict == Verdict::Violated) {
                    ++row[p.depth];
                    seeded[property_info(p.property).name] += mutated;
                    if (!mutated)
                        first.try_emplace(property_info(p.property).name, seed);
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
        os << "| property | violated in | of which with a seeded fault | first seed without one "
              "| depths (steps: systems) |\n|---|---|---|---|---|\n";
        for (const auto& [name, histogram] : depths) {
            const auto s = seeded.find(name);
            os << "| " << name << " | " << violated(name) << " of " << systems << " | "
               << (s == seeded.end() ? 0 : s->second) << " | "
               << (first.count(name) ? std::to_string(first.at(name)) : "-") << " | ";
            for (const auto& [depth, count] : histogram)
                os << depth << ": " << count << "  ";
            os << (histogram.empty() ? "never violated" : "") << " |\n";
        }
        return os.str();
    }
};

} // namespace atscheck::test
