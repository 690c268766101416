// The explicit engine's visited set and BFS queue in one. Each state is a
// record: its encoded form (bit_codec.hpp), its parent and the step that
// reached it. Records are appended in discovery (BFS) order to fixed-size
// chunks, so growing never copies what is stored and never doubles the
// memory; an open-addressing table of (hash, index) finds duplicates, and
// grows by half, not twice, to keep its share of a state small. A state is
// hashed once, by whoever encoded it. While one thread inserts, others may
// read stored states: inserting never moves a record (the chunks' directory
// is allocated whole), only learn() does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "checker/engines/bit_codec.hpp"

namespace atscheck {

class StateStore {
  public:
    static constexpr uint32_t kNoParent = UINT32_MAX;

    explicit StateStore(int fields);

    const BitCodec& codec() const { return codec_; }
    // How many times the layout has widened: codes of another generation are stale.
    uint64_t generation() const { return generation_; }
    // Numbers the byte state's new values (BitCodec::learn); when the layout
    // widens, re-encodes every stored state and returns true.
    bool learn(const int8_t* bytes);

    // Adds the encoded state unless present. Returns {index, true} when it was new.
    std::pair<uint32_t, bool> insert(const uint8_t* code, uint32_t hash, uint32_t parent,
                                     uint16_t action, uint8_t picks);

    // Starts loading the table slot where insert() will look for `hash`: the
    // table outgrows the caches, and a lookup is then a wait on memory.
    void prefetch(uint32_t hash) const {
        __builtin_prefetch(&slots_[(uint64_t(hash) * slots_.size()) >> 32]);
    }

    size_t size() const { return size_; }
    const uint8_t* code(uint32_t i) const { return record(i); }
    void load(uint32_t i, int8_t* bytes) const { codec_.decode(record(i), bytes); }
    uint32_t parent(uint32_t i) const;
    uint16_t action(uint32_t i) const;
    uint8_t picks(uint32_t i) const { return record(i)[width_ + 6]; }
    // Chunks and table, allocated.
    size_t memory_bytes() const;

  private:
    // Where record i is. The first chunks grow from 1024 records (1024, 1024,
    // 2048, ..., 32768), so a small search allocates little; from index 65536
    // on, every chunk holds 65536.
    struct Place {
        size_t chunk, offset;
    };
    static Place place_of(uint32_t i) {
        if (i >= (1u << 16))
            return {6 + (i >> 16), i & 0xffffu};
        if (i < 1024)
            return {0, i};
        const int top = 31 - __builtin_clz(i); // 10..15
        return {size_t(top - 9), i - (1u << top)};
    }
    static size_t chunk_records(size_t chunk) {
        return chunk == 0 ? 1024 : chunk < 7 ? size_t(512) << chunk : size_t(1) << 16;
    }
    uint8_t* record(uint32_t i) const {
        const Place p = place_of(i);
        return chunks_[p.chunk].get() + p.offset * stride_;
    }
    // Appends chunks to `chunks` until record i has one.
    static void add_chunk_for(uint32_t i, int stride,
                              std::vector<std::unique_ptr<uint8_t[]>>& chunks);
    uint32_t hash_of(uint32_t i) const { return hash_bytes(record(i), width_); }
    void place(uint64_t slot);
    void grow_table();
    void reencode(const BitCodec& old);

    // Read by the expanding threads while one thread inserts:
    BitCodec codec_;
    uint64_t generation_ = 0;
    int width_;  // encoded bytes
    int stride_; // record bytes: code, parent (4), action (2), picks (1)
    std::vector<std::unique_ptr<uint8_t[]>> chunks_;
    // Written on every insertion, so on a cache line of their own: sharing
    // one with the above made two threads slower than one.
    alignas(64) size_t size_ = 0;
    std::vector<uint64_t> slots_; // (hash << 32) | (index + 1); 0 = empty
};

} // namespace atscheck
