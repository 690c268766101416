// atscheck conform, the SMMU layer: every kernel function the model mirrors
// (kfn::kAll, model/kernel_site.hpp) located in a tree and fingerprinted, and
// the revision knobs recognised where the code says so unambiguously.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checker/conform/c_source.hpp"
#include "model/kernel_site.hpp"

namespace atscheck {

struct MirroredFunction {
    const KernelFunction* fn;
    bool found = false;
    int line = 0;            // where its definition starts
    std::string fingerprint; // of its body (checker/conform/c_source.hpp)
    std::string missing;     // why it was not found
    // Not found, and of a later era than the tree: the model's actions that
    // mirror it are unavailable on this tree, which is no failure.
    std::string unavailable; // those actions, e.g. "reset_prepare, reset_done"
    std::string older;       // or the older function that does its part in this tree
    bool lost() const {
        return !found && unavailable.empty() && older.empty() && missing.rfind("no ", 0) != 0;
    }
};

// A knob read from the code, or why it could not be.
struct RecognisedKnob {
    std::string knob;                 // the revision field: probe_prepare, ...
    std::optional<std::string> value; // its value, when recognised
    std::string evidence;             // the function and line, and what was seen
};

struct SmmuConformance {
    std::vector<MirroredFunction> functions;
    std::vector<RecognisedKnob> knobs;
};

SmmuConformance conform_smmu(const std::string& kernel_dir);

// The knobs read from the tokens of arm-smmu-v3.c: probe_prepare,
// enable_failure, ats_always_on, each with a value or the reason it has none.
std::vector<RecognisedKnob> read_knobs(const std::vector<CToken>& smmu_file);

// A tree's source file, read and tokenized once.
class SourceTree {
  public:
    explicit SourceTree(std::string dir) : dir_(std::move(dir)) {}
    // nullptr when the tree has no such file.
    const std::vector<CToken>* tokens(const std::string& relative_file);
    const std::string& dir() const { return dir_; }

  private:
    std::string dir_;
    std::map<std::string, std::optional<std::vector<CToken>>> files_;
};

} // namespace atscheck
