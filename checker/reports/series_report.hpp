// The renderings of a checked series (checker/conform/series.hpp), for
// `atscheck series` and for a `ci` manifest that gates on one: the commits,
// a table per scenario (commit by property), and the first commit that
// changes each verdict, as a reviewer writes it in a reply.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/conform/series.hpp"

namespace atscheck {

// e.g. 'fe0a1b2 ("iommu/arm-smmu-v3: ...")'
std::string named_commit(const SeriesStep& step);

// e.g. 'fe0a1b2 ("...") breaks nr_ats_masters_consistent (one-function,
// pf-vf-real): proved -> violated@5', one per commit and change.
std::vector<std::string> change_lines(const Series& s);

std::string render_series_text(const Series& s);
std::string render_series_markdown(const Series& s);
std::string render_series_mail(const Series& s); // at most 72 columns
nlohmann::json series_json(const Series& s);
// One page in the HTML report's style, a changed cell marked.
std::string series_html(const Series& s);

} // namespace atscheck
