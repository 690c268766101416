// The explicit engine's units of parallel work (explicit_engine.cpp): a
// window of the BFS frontier, cut into blocks, each expanded by one thread
// into a batch of encoded successors.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "checker/engines/bit_codec.hpp"
#include "checker/engines/explicit_engine.hpp"
#include "checker/engines/symmetry.hpp"
#include "model/concrete.hpp"

namespace atscheck {

// Successors found by expanding one block of states, in the order a
// sequential search finds them. Each is encoded with the window's layout
// (width bytes in `codes`), or, when it holds a value new to its field, kept
// as a byte state in `raw` for the inserting thread to learn. Cache-line
// aligned, as is Worker: threads filling neighbouring batches would otherwise
// share the lines their vectors' ends are in.
struct alignas(64) Batch {
    struct Found {
        uint32_t hash, parent;
        uint16_t action;
        uint8_t picks;
        bool raw; // its byte state is the next one in `raw`
    };
    std::vector<Found> found;
    std::vector<uint8_t> codes;
    std::vector<int8_t> raw;
    void clear() {
        found.clear();
        codes.clear();
        raw.clear();
    }
};

// States [begin, end) of the frontier, expanded into one batch per block.
struct Window {
    size_t begin = 0, end = 0, blocks = 0;
    std::vector<Batch> batches; // the first `blocks` are this window's
    uint64_t generation = 0;    // StateStore::generation() when expanded
    // That layout, kept when the store is about to learn (and maybe widen).
    std::optional<BitCodec> codec;
};

// What one thread needs to expand and check states without allocating.
struct alignas(64) Worker {
    ConcreteState cur, post;
    std::vector<int8_t> bytes, next; // a state being expanded, a successor
    std::vector<uint32_t> changed;   // the fields in which they differ
    Symmetry symmetry;               // canonicalize() keeps scratch space: one copy per thread
    uint64_t transitions = 0;
    ExplicitCoverage coverage;
};

} // namespace atscheck
