#include "checker/sweeps/series_gate.hpp"

#include "checker/reports/series_report.hpp"

namespace atscheck {

namespace {

std::string judged_at_tip(const Series& s, const std::string& scenario, PropertyId id,
                          const Expectation& e, Outcome o) {
    const std::string name = property_info(id).name;
    const std::string found = s.steps.back().verdicts.at(scenario).at(name);
    const std::string where = name + " on the code of " + named_commit(s.steps.back()) +
                              " (the series' tip), scenario " + scenario;
    return judgement_message(o, where, e, found);
}

} // namespace

ExitCode GatedSeries::exit_code() const {
    ExitCode code = ExitCode::Ok;
    for (const auto& j : judgements)
        code = most_severe(code, gate_exit_code(j.outcome));
    return code;
}

GatedSeries gate_series(const ExpectedSeries& expected, const std::string& tree) {
    std::vector<PropertyId> props;
    for (const auto& [id, e] : expected.properties)
        props.push_back(id);
    if (props.empty())
        for (const auto& p : all_properties())
            if (p.shipped)
                props.push_back(p.id);
    const auto scenarios =
        expected.scenarios.empty() ? default_series_scenarios() : expected.scenarios;
    GatedSeries out{check_series(tree, expected.range, scenarios, props), {}};
    const Series& s = out.series;
    for (const auto& c : s.changes)
        if (std::string(c.what()) == "breaks")
            out.judgements.push_back(
                {Outcome::Regression, "regression: " + named_commit(s.steps[c.step]) + " breaks " +
                                          c.property + " on scenario " + c.scenario + ": " +
                                          c.from + " -> " + c.to});
    for (const auto& scenario : s.scenarios)
        for (const auto& [id, e] : expected.properties) {
            const Outcome o =
                judge_verdict(e, s.steps.back().verdicts.at(scenario).at(property_info(id).name));
            out.judgements.push_back({o, judged_at_tip(s, scenario, id, e, o)});
        }
    return out;
}

} // namespace atscheck
