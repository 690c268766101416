#include "checker/conform/tree_conformance.hpp"

#include "checker/conform/slice_cache.hpp"
#include "checker/conform/stub_build.hpp"

namespace atscheck {

TreeConformance conform_tree(const std::string& kernel_dir,
                             const std::vector<std::string>& scenarios) {
    PciConformance pci = conform_pci(kernel_dir);
    SourceTree source(kernel_dir);
    const TempDir scratch;
    // The slice as check --kernel and series use it: built once per content.
    SmmuLockstep lockstep = smmu_lockstep(source, pci_revision(pci), scenarios, [&] {
        return compiled_tree(kernel_dir, scratch.path(), &pci).slice;
    });
    SmmuConformance smmu = conform_smmu(kernel_dir);
    auto knobs = read_knobs_from_behaviour(lockstep, smmu.knobs);
    return {std::move(pci), std::move(smmu), std::move(lockstep), std::move(knobs)};
}

} // namespace atscheck
