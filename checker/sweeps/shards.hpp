// Scale-out for sweeps: `matrix --shard I/N` runs a deterministic 1/N of the
// cells (round-robin by cell index, so big and small scenarios spread evenly),
// and `merge` combines the shards' JSON into the matrix of an unsharded run.
// Each cell's JSON carries its index and the full revision and scenario specs,
// so a merge needs neither the original files nor the same machine.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/engines/result.hpp"

namespace atscheck {

struct Shard {
    int index = 1; // 1-based
    int count = 1;
};

// "I/N" with 1 <= I <= N <= 10000; InputError naming --shard otherwise.
Shard parse_shard(const std::string& text);

// The cell indices (of `total`, in sweep order) that shard `s` runs.
std::vector<size_t> shard_cells(size_t total, Shard s);

// Adds what merge needs to a matrix JSON of the shard's `cells`: the shard,
// and per cell its index in the whole sweep and its revision and scenario specs.
void annotate_shard(nlohmann::json& matrix, const std::vector<CheckedSystem>& cells,
                    const std::vector<size_t>& indices, Shard s, size_t total);

// The merged sweep, in the unsharded order, from shard files. InputError (exit
// 2) when a file is not a shard, the shards disagree on the sweep (engine,
// shard count, cell count), a cell is missing or given twice, or a
// violation's trace file (written by the shard's --out) does not replay.
struct MergedSweep {
    Engine engine = Engine::Auto;
    std::vector<CheckedSystem> cells;
    size_t replayed = 0;          // violations whose trace file replayed on the merged cell
    size_t taken_from_shards = 0; // violations without a trace file: as the shard recorded them
};
MergedSweep merge_shards(const std::vector<std::string>& files);

} // namespace atscheck
