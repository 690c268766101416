// The explicit engine's stored form of a state. A byte state (state_codec.hpp)
// spends a byte on every field, but most fields take few values in a search:
// on fleet-5 a flag takes two, a domain reference four, a refcount two or
// three, and the PASID fields of a scenario without PASIDs one. So each field's
// value is replaced by its number among the values that field has taken so far
// (in order of first sight), written in just enough bits for that field: a
// field that never changes takes no bits. fleet-4's states go from 207 bytes
// to 22 (docs/performance.md).
//
// The layout is learned during the search: learn() numbers a value new to its
// field, and when the field's numbers need one more bit the layout widens and
// what was stored must be re-encoded (StateStore::reencode). A number, once
// given, never changes, so a widening only moves bits and decoding stays exact.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace atscheck {

class BitCodec {
  public:
    explicit BitCodec(int fields);

    int fields() const { return static_cast<int>(fields_.size()); }
    // Bytes of an encoded state (its last byte zero-padded).
    int bytes() const { return bytes_; }

    // Writes the encoded form of the byte state `in` to `out`. False when some
    // value is new to its field: learn() it first (`out` is then unusable).
    bool encode(const int8_t* in, uint8_t* out) const;
    void decode(const uint8_t* in, int8_t* out) const;

    // Numbers every value of `in` new to its field. True when a field needed
    // another bit: the layout widened and earlier encodings are stale.
    bool learn(const int8_t* in);

  private:
    static constexpr uint8_t kUnseen = 0xff;
    struct Field {
        uint8_t bits = 0;
        std::vector<int8_t> values;         // by number
        std::array<uint8_t, 256> numbers{}; // by value + 128; kUnseen when new
    };
    std::vector<Field> fields_;
    int bytes_ = 0;
};

// A 32-bit hash of `n` bytes, eight at a time.
uint32_t hash_bytes(const uint8_t* p, int n);

} // namespace atscheck
