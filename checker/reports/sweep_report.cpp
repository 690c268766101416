#include "checker/reports/sweep_report.hpp"

#include <sstream>

#include "checker/reports/check_report.hpp"
#include "checker/version.hpp"

namespace atscheck {

const Judgement* SweepReport::judgement(size_t cell, size_t property) const {
    if (!judgements)
        return nullptr;
    for (const auto& j : *judgements)
        if (j.cell == cell && j.property == property)
            return &j;
    return nullptr;
}

SweepReport::Status SweepReport::status(size_t cell, size_t property) const {
    const PropertyResult& r = cells[cell].result.properties[property];
    if (const Judgement* j = judgement(cell, property))
        return is_deviation(j->outcome)              ? Status::Fail
               : j->outcome == Outcome::Inconclusive ? Status::Skip
                                                     : Status::Pass;
    if (r.verdict == Verdict::Violated)
        return Status::Fail;
    return r.verdict == Verdict::Proved ? Status::Pass : Status::Skip;
}

std::string SweepReport::summary(size_t cell, size_t property) const {
    if (const Judgement* j = judgement(cell, property))
        return j->message;
    const CheckedSystem& c = cells[cell];
    const PropertyResult& r = c.result.properties[property];
    std::string s = std::string(property_info(r.property).name) + " on revision " +
                    c.system.revision.name + ", scenario " + c.system.scenario.name + ": " +
                    verdict_cell(r);
    if (!r.method.empty())
        s += " (" + r.method + ")";
    if (!r.reason.empty() && r.verdict != Verdict::Proved)
        s += ": " + r.reason;
    return s;
}

std::vector<std::pair<std::string, std::vector<size_t>>> SweepReport::by_scenario() const {
    std::vector<std::pair<std::string, std::vector<size_t>>> out;
    for (size_t i = 0; i < cells.size(); ++i) {
        const std::string& name = cells[i].system.scenario.name;
        auto it =
            std::find_if(out.begin(), out.end(), [&](const auto& g) { return g.first == name; });
        if (it == out.end())
            it = out.insert(out.end(), {name, {}});
        it->second.push_back(i);
    }
    return out;
}

std::vector<PropertyId> SweepReport::columns(const std::vector<size_t>& of) const {
    std::vector<PropertyId> out;
    for (const auto& p : all_properties())
        for (size_t i : of)
            if (property_index(i, p.id) != kNone &&
                std::find(out.begin(), out.end(), p.id) == out.end())
                out.push_back(p.id);
    return out;
}

size_t SweepReport::property_index(size_t cell, PropertyId id) const {
    const auto& props = cells[cell].result.properties;
    for (size_t p = 0; p < props.size(); ++p)
        if (props[p].property == id)
            return p;
    return kNone;
}

std::string render_matrix_markdown(const SweepReport& r) {
    std::ostringstream os;
    bool first = true;
    for (const auto& [scenario, cells] : r.by_scenario()) {
        os << (first ? "" : "\n") << "Scenario `" << scenario << "` ("
           << provenance_of(r.cells[cells.front()].system.scenario).text() << "), engine `"
           << cli_name(r.engine) << "`:\n\n| revision |";
        first = false;
        const auto cols = r.columns(cells);
        for (PropertyId id : cols)
            os << " " << property_info(id).name << " |";
        os << "\n|---|";
        for (size_t k = 0; k < cols.size(); ++k)
            os << "---|";
        os << "\n";
        for (size_t i : cells) {
            os << "| " << r.cells[i].system.revision.name << " |";
            for (PropertyId id : cols) {
                const size_t p = r.property_index(i, id);
                if (p == SweepReport::kNone) {
                    os << " – |";
                    continue;
                }
                os << " " << verdict_cell(r.cells[i].result.properties[p]);
                if (const Judgement* j = r.judgement(i, p); j && is_deviation(j->outcome))
                    os << " ✗ (expected " << j->expected.text() << ")";
                os << " |";
            }
            os << "\n";
        }
    }
    return os.str();
}

nlohmann::json render_matrix_json(const SweepReport& r) {
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& c : r.cells)
        cells.push_back(render_json(c));
    nlohmann::json out{{"tool", std::string("atscheck ") + kToolVersion},
                       {"command", r.command},
                       {"engine", cli_name(r.engine)},
                       {"cells", cells}};
    if (r.judgements) {
        nlohmann::json js = nlohmann::json::array();
        for (const auto& j : *r.judgements)
            js.push_back(
                {{"revision", r.cells[j.cell].system.revision.name},
                 {"scenario", r.cells[j.cell].system.scenario.name},
                 {"property",
                  property_info(r.cells[j.cell].result.properties[j.property].property).name},
                 {"expected", j.expected.text()},
                 {"found", verdict_cell(r.cells[j.cell].result.properties[j.property])},
                 {"outcome", to_string(j.outcome)},
                 {"message", j.message}});
        out["judgements"] = js;
        out["exit_code"] = gate_exit_code(*r.judgements);
    }
    return out;
}

} // namespace atscheck
