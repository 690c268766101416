#include "checker/conform/series.hpp"

#include <fstream>

#include "checker/conform/code_engine.hpp"
#include "checker/conform/shell.hpp"
#include "checker/conform/slice_cache.hpp"
#include "checker/conform/smmu_lockstep.hpp"
#include "checker/conform/stub_build.hpp"
#include "checker/conform/tree_conformance.hpp"
#include "checker/input/input_error.hpp"
#include "checker/input/load.hpp"
#include "checker/reports/check_report.hpp"
#include "model/kernel_site.hpp"
#include "model/provenance.hpp"

namespace atscheck {

namespace fs = std::filesystem;

namespace {

// The files the checks read: the tree's identity, ats.c and the SMMUv3 driver.
constexpr const char* kChecked[] = {"Makefile", kAtsFile, kSmmuFile, kSmmuHeaderFile, kSmmuSvaFile};

std::string git(const std::string& dir, const std::string& args, bool* ok = nullptr) {
    return shell_output("git -C " + shell_quoted(dir) + " " + args + " 2>/dev/null", ok);
}

// The base and each commit after it, oldest first, as full hashes.
std::vector<std::string> commits_of(const std::string& dir, const std::string& range) {
    const size_t dots = range.find("..");
    if (dots == std::string::npos || dots == 0 || dots + 2 >= range.size())
        throw InputError("RANGE", range, "not BASE..TIP");
    bool ok = false;
    const std::string base =
        git(dir, "rev-parse --verify " + shell_quoted(range.substr(0, dots) + "^{commit}"), &ok);
    if (!ok)
        throw InputError(dir, range, "names no commit of this git tree: " + range.substr(0, dots));
    const std::string list = git(dir, "rev-list --reverse " + shell_quoted(range), &ok);
    if (!ok)
        throw InputError(dir, range, "is not a range of this git tree");
    std::vector<std::string> out{base};
    for (size_t at = 0; at < list.size();) {
        const size_t end = std::min(list.find('\n', at), list.size());
        out.push_back(list.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

// The files the checks read, as `commit` has them, into `out`.
void extract(const std::string& dir, const std::string& commit, const fs::path& out) {
    std::string paths;
    for (const char* p : kChecked) {
        bool present = false;
        git(dir, "cat-file -e " + shell_quoted(commit + ":" + p), &present);
        if (present)
            paths += " " + shell_quoted(p);
    }
    fs::create_directories(out);
    const std::string cmd = "git -C " + shell_quoted(dir) + " archive --format=tar " +
                            shell_quoted(commit) + " --" + paths + " | tar -x -C " +
                            shell_quoted(out.string());
    if (paths.empty() || std::system(cmd.c_str()) != 0)
        throw InputError(dir, commit, "cannot extract the commit's ats.c and SMMU driver");
}

// One commit: its conformance and its code's verdicts.
SeriesStep check_step(const std::string& dir, const std::string& commit, const fs::path& tree,
                      const std::vector<std::string>& scenarios,
                      const std::vector<PropertyId>& properties) {
    SeriesStep step;
    step.commit = git(dir, "rev-parse --short " + shell_quoted(commit));
    step.subject = git(dir, "log -1 --format=%s " + shell_quoted(commit));
    extract(dir, commit, tree);
    const TreeConformance c = conform_tree(tree.string(), default_lockstep_scenarios());
    step.conforms = c.conforms();
    for (const auto& k : c.knobs)
        step.knobs[k.knob] = k.value.value_or("?");
    const TempDir scratch;
    const CompiledTree compiled = compiled_tree(tree.string(), scratch.path());
    const std::string shown_as = (tree / kSmmuFile).string();
    for (const auto& name : scenarios) {
        const System sys{compiled.pci, load_scenario(name)};
        auto& row = step.verdicts[name];
        if (const std::string why = why_not_driven(sys, compiled.slice); !why.empty()) {
            for (PropertyId p : properties)
                row[property_info(p).name] = "not driven: " + why;
            continue;
        }
        for (const auto& r : check_on_code(compiled.slice, sys, properties, shown_as).properties)
            row[property_info(r.property).name] = verdict_cell(r);
    }
    return step;
}

// The first line a failed git command wrote to `log`.
std::string first_line_of(const fs::path& log) {
    std::ifstream in(log);
    std::string line;
    std::getline(in, line);
    return line;
}

bool is_mail(const std::string& patch) {
    std::ifstream in(patch);
    std::string line;
    std::getline(in, line);
    return line.rfind("From ", 0) == 0;
}

} // namespace

std::string apply_patches(const std::string& kernel_dir, const std::vector<std::string>& patches,
                          const fs::path& work) {
    for (const char* f : kChecked)
        if (fs::exists(fs::path(kernel_dir) / f)) {
            fs::create_directories((work / f).parent_path());
            fs::copy_file(fs::path(kernel_dir) / f, work / f);
        }
    const std::string g = "git -C " + shell_quoted(work.string()) +
                          " -c user.name=atscheck -c user.email=atscheck@localhost ";
    const fs::path log = work.parent_path() / "git.log";
    const std::string quiet = " >" + shell_quoted(log.string()) + " 2>&1";
    if (std::system((g + "init -q" + quiet + " && " + g + "add -A" + quiet + " && " + g +
                     "commit -qm base" + quiet)
                        .c_str()) != 0)
        throw InputError("--kernel", kernel_dir, "cannot copy the tree: " + first_line_of(log));
    const std::string base = git(work.string(), "rev-parse HEAD");
    std::string include;
    for (const char* f : {kAtsFile, "drivers/iommu/arm/arm-smmu-v3/*"})
        include += std::string(" --include=") + f;
    for (const auto& patch : patches) {
        if (!fs::is_regular_file(patch))
            throw InputError(patch, "", "no such file");
        const std::string p = shell_quoted(fs::absolute(patch).string());
        const std::string cmd =
            is_mail(patch) ? g + "am -q --empty=keep" + include + " " + p + quiet
                           : g + "apply" + include + " " + p + quiet + " && " + g + "add -A" +
                                 quiet + " && " + g + "commit -q --allow-empty -m " +
                                 shell_quoted(fs::path(patch).filename().string()) + quiet;
        if (std::system(cmd.c_str()) != 0)
            throw InputError(patch, "",
                             "does not apply to " + kernel_dir + ": " + first_line_of(log));
    }
    return base + "..HEAD";
}

const char* SeriesChange::what() const {
    const bool was = from.rfind("violated", 0) == 0, is = to.rfind("violated", 0) == 0;
    return is && !was ? "breaks" : was && !is ? "fixes" : "changes";
}

std::vector<std::string> default_series_scenarios() {
    return {"one-function", "pf-vf-real", "pf-vf-required", "pasid"};
}

Series check_series(const std::string& git_dir, const std::string& range,
                    const std::vector<std::string>& scenarios,
                    const std::vector<PropertyId>& properties) {
    bool ok = false;
    git(git_dir, "rev-parse --git-dir", &ok);
    if (!ok)
        throw InputError("--kernel", git_dir, "not a git tree");
    for (const auto& s : scenarios)
        load_scenario(s); // bad input before any build
    Series out{git_dir, range, scenarios, {}, {}, {}};
    for (PropertyId p : properties)
        out.properties.push_back(property_info(p).name);
    const TempDir trees;
    const auto commits = commits_of(git_dir, range);
    for (size_t i = 0; i < commits.size(); ++i)
        out.steps.push_back(check_step(git_dir, commits[i], trees.path() / std::to_string(i),
                                       scenarios, properties));
    for (const auto& s : scenarios)
        for (const auto& p : out.properties)
            for (size_t i = 1; i < out.steps.size(); ++i) {
                const std::string& from = out.steps[i - 1].verdicts[s][p];
                const std::string& to = out.steps[i].verdicts[s][p];
                if (from != to)
                    out.changes.push_back({s, p, i, from, to});
            }
    return out;
}

} // namespace atscheck
