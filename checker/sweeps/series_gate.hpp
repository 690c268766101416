// A manifest's "series" (docs/ci.md) checked and judged: each commit of the
// range on its own code (checker/conform/series.hpp). A commit that breaks
// a verdict its parent proved is a regression; the tip's verdicts are judged
// against the series' `expect` as a check's are.
#pragma once

#include <string>
#include <vector>

#include "checker/conform/series.hpp"
#include "checker/sweeps/expectations.hpp"

namespace atscheck {

struct SeriesJudgement {
    Outcome outcome;
    std::string message; // one line, as a check's judgement
};

struct GatedSeries {
    Series series;
    std::vector<SeriesJudgement> judgements;
    ExitCode exit_code() const;
};

// `tree`: the manifest's kernel (or ci --kernel), a git tree holding the range.
GatedSeries gate_series(const ExpectedSeries& expected, const std::string& tree);

} // namespace atscheck
