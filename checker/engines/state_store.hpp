// The explicit engine's visited set and BFS queue in one: packed states are
// appended to one contiguous arena in discovery (BFS) order, each with its
// parent and the step that reached it; an open-addressing table of
// (hash, index) finds duplicates. A state is hashed once, on insertion.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace atscheck {

class StateStore {
  public:
    static constexpr uint32_t kNoParent = UINT32_MAX;

    explicit StateStore(int state_bytes);

    // Adds the state unless present. Returns {index, true} when it was new.
    std::pair<uint32_t, bool> insert(const int8_t* state, uint32_t parent, uint16_t action,
                                     uint8_t picks);

    size_t size() const { return parent_.size(); }
    int state_bytes() const { return width_; }
    const int8_t* state(uint32_t i) const { return arena_.data() + size_t(i) * width_; }
    uint32_t parent(uint32_t i) const { return parent_[i]; }
    uint16_t action(uint32_t i) const { return action_[i]; }
    uint8_t picks(uint32_t i) const { return picks_[i]; }
    size_t memory_bytes() const;

  private:
    uint32_t hash(const int8_t* state) const;
    void grow();

    int width_;
    std::vector<int8_t> arena_;
    std::vector<uint32_t> parent_;
    std::vector<uint16_t> action_;
    std::vector<uint8_t> picks_;
    std::vector<uint64_t> slots_; // (hash << 32) | (index + 1); 0 = empty
    uint64_t mask_;
};

} // namespace atscheck
