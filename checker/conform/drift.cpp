#include "checker/conform/drift.hpp"

#include <set>

#include "checker/conform/smmu_conform.hpp"

namespace atscheck {

namespace {

std::optional<KernelFingerprint> current(SourceTree& tree, const std::string& function,
                                         const std::string& file) {
    const std::vector<CToken>* t = tree.tokens(file);
    if (!t)
        return std::nullopt;
    const auto def = find_function(*t, function);
    if (!def)
        return std::nullopt;
    return KernelFingerprint{file, def->first_line, fingerprint(*t, *def)};
}

std::string drift_message(const KernelDrift& d) {
    if (!d.now)
        return d.function + " is gone from " + d.then.file +
               " (removed or renamed?) since revision " + d.revision +
               " was checked against it: review the model";
    return d.function + " changed since revision " + d.revision +
           " was checked against it (fingerprint " + d.then.fingerprint + ", now " +
           d.now->fingerprint + ", " + d.now->file + ":" + std::to_string(d.now->line) +
           "): review the model";
}

} // namespace

std::vector<KernelDrift> kernel_drift(const std::vector<const Revision*>& revisions,
                                      const std::string& kernel_dir, size_t& fingerprinted) {
    SourceTree tree(kernel_dir);
    std::vector<KernelDrift> out;
    std::set<std::string> seen;
    fingerprinted = 0;
    for (const Revision* r : revisions) {
        if (!r->kernel || !seen.insert(r->name).second)
            continue;
        ++fingerprinted;
        for (const auto& [function, then] : r->kernel->functions) {
            const auto now = current(tree, function, then.file);
            if (now && now->fingerprint == then.fingerprint)
                continue;
            KernelDrift d{r->name, function, then, now, ""};
            d.message = drift_message(d);
            out.push_back(std::move(d));
        }
    }
    return out;
}

} // namespace atscheck
