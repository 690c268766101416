// A sweep: many (revision, scenario) cells, each checked for its properties
// with one engine choice. `matrix`, `ci` and `diff` are all sweeps.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "checker/engines/result.hpp"
#include "checker/engines/run.hpp"

namespace atscheck {

struct CellSpec {
    std::string revision; // a shipped name or a file (as load_revision takes it)
    std::string scenario; // a shipped name, fleet-N or a file
    std::vector<PropertyId> properties;
};

// Every revision × scenario, revision-major, each with `properties`.
std::vector<CellSpec> cross_product(const std::vector<std::string>& revisions,
                                    const std::vector<std::string>& scenarios,
                                    const std::vector<PropertyId>& properties);

struct LoadedCell {
    System system;
    std::vector<PropertyId> properties;
};

// Loads every input before anything runs, so bad input fails before any work
// and writes nothing. Each file is read once.
std::vector<LoadedCell> load_cells(const std::vector<CellSpec>& specs);

// Told before and after each cell; `seconds` is the cell's wall time.
struct SweepObserver {
    std::function<void(size_t index, size_t total, const System&)> started;
    std::function<void(size_t index, size_t total, const CheckedSystem&, double seconds)> finished;
    std::function<ProgressFn(const System&)> engine_progress; // may be empty
};

// Checks every cell in order; each counterexample is re-checked on the concrete model.
std::vector<CheckedSystem> run_sweep(const std::vector<LoadedCell>& cells, const EngineChoice& e,
                                     const SweepObserver& observer);

} // namespace atscheck
