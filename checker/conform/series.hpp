// A patch series checked commit by commit (`atscheck series`): each commit of
// a git tree's range, from the base on, extracted (the files the checks read)
// and checked as `conform` and `check --kernel` do: whether its code conforms,
// the knobs drafted from its behaviour, and the verdicts of its own code on
// the chosen scenarios. Then the first commit that changes each verdict.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "checker/engines/result.hpp"

namespace atscheck {

struct SeriesStep {
    std::string commit;  // abbreviated hash
    std::string subject; // the commit's first line
    bool conforms = false;
    std::map<std::string, std::string> knobs; // drafted SMMU knobs ("?" where undecided)
    // By scenario, by property: "proved", "violated@5", "bounded@9", "unknown",
    // or "not driven: WHY" for a scenario the tree's code cannot run.
    std::map<std::string, std::map<std::string, std::string>> verdicts;
};

// The first commit after which a verdict differs from the commit before it.
struct SeriesChange {
    std::string scenario, property;
    size_t step; // into Series::steps
    std::string from, to;
    const char* what() const; // "breaks", "fixes" or "changes"
};

struct Series {
    std::string tree, range;
    std::vector<std::string> scenarios;
    std::vector<std::string> properties;
    std::vector<SeriesStep> steps; // the base first
    std::vector<SeriesChange> changes;
};

// The realistic shipped scenarios the code engine drives (the default).
std::vector<std::string> default_series_scenarios();

// Patches or mboxes, applied in order (`git am`, or `git apply` for a plain
// diff) to a copy of `kernel_dir`'s files the checks read, committed in a
// git tree under `work`: the range from the copy to the last patch. What a
// patch changes elsewhere in the kernel is left out. Throws InputError
// (exit 2) naming a patch that does not apply.
std::string apply_patches(const std::string& kernel_dir, const std::vector<std::string>& patches,
                          const std::filesystem::path& work);

// Throws InputError (exit 2) when `git_dir` is not a git tree, the range does
// not name commits, or a commit's code does not build.
Series check_series(const std::string& git_dir, const std::string& range,
                    const std::vector<std::string>& scenarios,
                    const std::vector<PropertyId>& properties);

} // namespace atscheck
