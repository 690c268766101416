// ci --kernel DIR: before any engine runs, the fingerprints a revision carries
// (kernel.fingerprints, written by conform --emit-revision) against the bodies
// of the same functions in the tree. A body that changed, or a function that
// is gone, means the model may no longer describe the code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/system.hpp"

namespace atscheck {

struct KernelDrift {
    std::string revision;
    std::string function;
    KernelFingerprint then;               // what the revision recorded
    std::optional<KernelFingerprint> now; // where the body is now, if anywhere
    std::string message;                  // one line, for the report
};

// The drifts of every revision (each checked once) that carries fingerprints;
// `fingerprinted` counts those revisions.
std::vector<KernelDrift> kernel_drift(const std::vector<const Revision*>& revisions,
                                      const std::string& kernel_dir, size_t& fingerprinted);

} // namespace atscheck
