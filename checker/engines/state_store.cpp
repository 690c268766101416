#include "checker/engines/state_store.hpp"

#include <cstring>

namespace atscheck {

StateStore::StateStore(int fields)
    : codec_(fields), width_(0), stride_(7), slots_(size_t(1) << 8, 0) {
    chunks_.reserve(place_of(UINT32_MAX).chunk + 1); // every uint32_t index
}

bool StateStore::learn(const int8_t* bytes) {
    const BitCodec old = codec_;
    // The first state learned gives the layout its first byte without widening.
    if (!codec_.learn(bytes) && codec_.bytes() == width_)
        return false;
    reencode(old);
    ++generation_;
    return true;
}

std::pair<uint32_t, bool> StateStore::insert(const uint8_t* code, uint32_t hash, uint32_t parent,
                                             uint16_t action, uint8_t picks) {
    // The slot from the hash's high bits times the table size: any size will do.
    const size_t n = slots_.size();
    for (size_t pos = (uint64_t(hash) * n) >> 32;; pos = pos + 1 == n ? 0 : pos + 1) {
        const uint64_t slot = slots_[pos];
        if (slot == 0)
            break;
        if (uint32_t(slot >> 32) == hash) {
            const auto index = uint32_t(slot & 0xffffffffu) - 1;
            if (std::memcmp(record(index), code, width_) == 0)
                return {index, false};
        }
    }
    const auto index = static_cast<uint32_t>(size_);
    add_chunk_for(index, stride_, chunks_);
    uint8_t* r = record(index);
    std::memcpy(r, code, width_);
    std::memcpy(r + width_, &parent, 4);
    std::memcpy(r + width_ + 4, &action, 2);
    r[width_ + 6] = picks;
    ++size_;
    place((uint64_t(hash) << 32) | (uint64_t(index) + 1));
    // Grown by half at three quarters full: a state's share of the table
    // stays between 10.7 and 16 bytes.
    if (size_ * 4 > slots_.size() * 3)
        grow_table();
    return {index, true};
}

uint32_t StateStore::parent(uint32_t i) const {
    uint32_t p;
    std::memcpy(&p, record(i) + width_, 4);
    return p;
}

uint16_t StateStore::action(uint32_t i) const {
    uint16_t a;
    std::memcpy(&a, record(i) + width_ + 4, 2);
    return a;
}

void StateStore::place(uint64_t slot) {
    const size_t n = slots_.size();
    size_t pos = ((slot >> 32) * n) >> 32;
    while (slots_[pos] != 0)
        pos = pos + 1 == n ? 0 : pos + 1;
    slots_[pos] = slot;
}

void StateStore::grow_table() {
    std::vector<uint64_t> old(slots_.size() + slots_.size() / 2, 0);
    old.swap(slots_);
    for (uint64_t slot : old)
        if (slot != 0)
            place(slot);
}

// Every record again under the widened codec, in the same order, so indices
// and parent links stay valid; the table is rebuilt since the hashes change.
void StateStore::reencode(const BitCodec& old) {
    const int new_width = codec_.bytes(), new_stride = new_width + 7;
    std::vector<std::unique_ptr<uint8_t[]>> chunks;
    chunks.reserve(chunks_.capacity());
    std::vector<int8_t> bytes(codec_.fields());
    for (size_t i = 0; i < size_; ++i) {
        add_chunk_for(static_cast<uint32_t>(i), new_stride, chunks);
        const uint8_t* from = record(static_cast<uint32_t>(i));
        uint8_t* to = chunks.back().get() + place_of(static_cast<uint32_t>(i)).offset * new_stride;
        old.decode(from, bytes.data());
        codec_.encode(bytes.data(), to);
        std::memcpy(to + new_width, from + width_, 7);
    }
    chunks_.swap(chunks);
    chunks.clear();
    width_ = new_width;
    stride_ = new_stride;
    std::fill(slots_.begin(), slots_.end(), 0);
    for (size_t i = 0; i < size_; ++i)
        place((uint64_t(hash_of(static_cast<uint32_t>(i))) << 32) | (uint64_t(i) + 1));
}

void StateStore::add_chunk_for(uint32_t i, int stride,
                               std::vector<std::unique_ptr<uint8_t[]>>& chunks) {
    const size_t chunk = place_of(i).chunk;
    if (chunk == chunks.size())
        chunks.emplace_back(new uint8_t[chunk_records(chunk) * size_t(stride)]);
}

size_t StateStore::memory_bytes() const {
    size_t bytes = slots_.size() * 8;
    for (size_t c = 0; c < chunks_.size(); ++c)
        bytes += chunk_records(c) * size_t(stride_);
    return bytes;
}

} // namespace atscheck
