// The explicit engine's stored form of a state. A byte state (state_codec.hpp)
// spends a byte on every field, but most fields take few values in a search:
// on fleet-5 a flag takes two, a domain reference four, a refcount two or
// three, and the PASID fields of a scenario without PASIDs one. So each field's
// value is replaced by its number among the values that field has taken so far
// (in order of first sight), written in just enough bits for that field: a
// field that never changes takes no bits. fleet-4's 240-byte states are stored in 15
// (docs/performance.md).
//
// The layout is learned during the search: learn() numbers a value new to its
// field, and when the field's numbers need one more bit the layout widens and
// what was stored must be re-encoded (StateStore::reencode). A number, once
// given, never changes, so a widening only moves bits and decoding stays exact.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace atscheck {

class BitCodec {
  public:
    explicit BitCodec(int fields);

    int fields() const { return static_cast<int>(bits_.size()); }
    // Bytes of an encoded state (its last byte zero-padded).
    int bytes() const { return bytes_; }

    // Writes the encoded form of the byte state `in` to `out`. False when some
    // value is new to its field: learn() it first (`out` is then unusable).
    bool encode(const int8_t* in, uint8_t* out) const;
    // Reads four bytes at a time: `in` must be followed by kSlack readable bytes.
    void decode(const uint8_t* in, int8_t* out) const;
    static constexpr int kSlack = 3;
    // encode() for a state that differs from an encoded one (`base`) only in
    // the fields `changed`: copies `base` and rewrites those (a successor and
    // its parent differ in a handful).
    bool patch(const uint8_t* base, const int8_t* in, const std::vector<uint32_t>& changed,
               uint8_t* out) const;

    // Numbers every value of `in` new to its field. True when a field needed
    // another bit: the layout widened and earlier encodings are stale.
    bool learn(const int8_t* in);

  private:
    static constexpr uint8_t kUnseen = 0xff;
    // Values -8..23 and numbers 0..15 cover almost every field (flags,
    // domain references, counters, an STU of 12 or 16) and are looked up in
    // small tables (per field, 32 and 16 bytes) that stay in the L1 cache;
    // others are searched in the field's list.
    static constexpr int kLow = -8, kWindow = 32, kHot = 16;
    uint8_t number_of(size_t field, int8_t v) const {
        const auto k = static_cast<unsigned>(v - kLow);
        return k < kWindow ? window_[field * kWindow + k] : number_outside_window(field, v);
    }
    uint8_t number_outside_window(size_t field, int8_t v) const;
    bool constants_hold(const int8_t* in) const;
    void relayout();

    std::vector<uint8_t> bits_;
    std::vector<uint32_t> offsets_;           // of each field's first bit
    std::vector<uint8_t> window_;             // [field * kWindow + v - kLow]: number or kUnseen
    std::vector<int8_t> hot_;                 // [field * kHot + number]: value
    std::vector<std::vector<int8_t>> values_; // per field, by number
    // Most fields keep one value through a search (on fleet-2, 60 of 124):
    // they take no bits, and encode and decode handle them a word at a time,
    // as a template of their values under a mask, visiting only the others.
    std::vector<uint32_t> varying_;    // fields with bits, in order
    std::vector<int8_t> constant_;     // each field's first value
    std::vector<uint8_t> is_constant_; // 0xff for a field of one value
    bool empty_ = true;                // nothing learned: every value is new
    int bytes_ = 0;
};

// A 32-bit hash of `n` bytes, eight at a time.
uint32_t hash_bytes(const uint8_t* p, int n);

} // namespace atscheck
