#include "checker/engines/state_store.hpp"

#include <cstring>

namespace atscheck {

StateStore::StateStore(int state_bytes)
    : width_(state_bytes), slots_(1 << 12, 0), mask_((1 << 12) - 1) {}

uint32_t StateStore::hash(const int8_t* s) const {
    // FNV-1a over the bytes, then a murmur-style finaliser to spread the low bits.
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < width_; ++i)
        h = (h ^ static_cast<uint8_t>(s[i])) * 1099511628211ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return static_cast<uint32_t>(h);
}

std::pair<uint32_t, bool> StateStore::insert(const int8_t* s, uint32_t parent, uint16_t action,
                                             uint8_t picks) {
    const uint32_t h = hash(s);
    for (uint64_t pos = h & mask_;; pos = (pos + 1) & mask_) {
        const uint64_t slot = slots_[pos];
        if (slot == 0) {
            const auto index = static_cast<uint32_t>(parent_.size());
            slots_[pos] = (uint64_t(h) << 32) | (uint64_t(index) + 1);
            arena_.insert(arena_.end(), s, s + width_);
            parent_.push_back(parent);
            action_.push_back(action);
            picks_.push_back(picks);
            if (parent_.size() * 10 > slots_.size() * 7)
                grow();
            return {index, true};
        }
        if (uint32_t(slot >> 32) == h) {
            const auto index = uint32_t(slot & 0xffffffffu) - 1;
            if (std::memcmp(state(index), s, width_) == 0)
                return {index, false};
        }
    }
}

void StateStore::grow() {
    std::vector<uint64_t> old(slots_.size() * 2, 0);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    for (uint64_t slot : old) {
        if (slot == 0)
            continue;
        uint64_t pos = (slot >> 32) & mask_;
        while (slots_[pos] != 0)
            pos = (pos + 1) & mask_;
        slots_[pos] = slot;
    }
}

size_t StateStore::memory_bytes() const {
    return arena_.capacity() + parent_.capacity() * 4 + action_.capacity() * 2 + picks_.capacity() +
           slots_.capacity() * 8;
}

} // namespace atscheck
