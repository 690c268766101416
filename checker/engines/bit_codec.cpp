#include "checker/engines/bit_codec.hpp"

#include <algorithm>
#include <cstring>

#include "checker/engines/state_codec.hpp"

namespace atscheck {

BitCodec::BitCodec(int fields)
    : bits_(fields, 0), offsets_(fields, 0), window_(size_t(fields) * kWindow, kUnseen),
      hot_(size_t(fields) * kHot, 0), values_(fields), constant_(fields, 0),
      is_constant_(fields, 0) {}

uint8_t BitCodec::number_outside_window(size_t field, int8_t v) const {
    const auto& vs = values_[field];
    const auto at = std::find(vs.begin(), vs.end(), v);
    return at == vs.end() ? kUnseen : static_cast<uint8_t>(at - vs.begin());
}

// Every field of one value has it in `in`: compared eight fields at a time.
bool BitCodec::constants_hold(const int8_t* in) const {
    const size_t n = bits_.size();
    for (size_t at = 0; at < n; at += 8) {
        const size_t len = std::min<size_t>(8, n - at);
        uint64_t x = 0, c = 0, m = 0;
        std::memcpy(&x, in + at, len);
        std::memcpy(&c, constant_.data() + at, len);
        std::memcpy(&m, is_constant_.data() + at, len);
        if ((x ^ c) & m)
            return false;
    }
    return true;
}

// Bits gather in a 64-bit accumulator and leave 32 at a time; a field has at
// most 8 bits, so it never overflows.
bool BitCodec::encode(const int8_t* in, uint8_t* out) const {
    if (empty_ || !constants_hold(in))
        return false;
    const uint8_t* const start = out;
    uint64_t acc = 0;
    int held = 0;
    for (const uint32_t i : varying_) {
        const uint8_t n = number_of(i, in[i]);
        if (n == kUnseen)
            return false;
        acc |= uint64_t(n) << held;
        held += bits_[i];
        if (held >= 32) {
            const auto word = static_cast<uint32_t>(acc);
            std::memcpy(out, &word, 4);
            out += 4;
            acc >>= 32;
            held -= 32;
        }
    }
    for (; held > 0; held -= 8, acc >>= 8)
        *out++ = static_cast<uint8_t>(acc);
    while (out < start + bytes_) // the byte a state of constant fields has
        *out++ = 0;
    return true;
}

void BitCodec::decode(const uint8_t* in, int8_t* out) const {
    std::memcpy(out, constant_.data(), constant_.size());
    uint64_t acc = 0;
    int held = 0;
    for (const uint32_t i : varying_) {
        const int bits = bits_[i];
        if (held < bits) {
            uint32_t word; // may read up to 3 bytes past the encoding (kSlack)
            std::memcpy(&word, in, 4);
            in += 4;
            acc |= uint64_t(word) << held;
            held += 32;
        }
        const auto n = static_cast<unsigned>(acc & ((1u << bits) - 1));
        out[i] = n < kHot ? hot_[i * kHot + n] : values_[i][n];
        acc >>= bits;
        held -= bits;
    }
}

bool BitCodec::patch(const uint8_t* base, const int8_t* in, const std::vector<uint32_t>& changed,
                     uint8_t* out) const {
    std::memcpy(out, base, bytes_);
    for (const uint32_t i : changed) {
        const uint8_t number = number_of(i, in[i]);
        if (number == kUnseen)
            return false;
        if (bits_[i] == 0)
            continue;
        // A field of at most 8 bits spans at most two bytes.
        const uint32_t off = offsets_[i], shift = off & 7, mask = (1u << bits_[i]) - 1;
        uint8_t* p = out + (off >> 3);
        const bool two = shift + bits_[i] > 8;
        uint32_t word = p[0] | (two ? uint32_t(p[1]) << 8 : 0);
        word = (word & ~(mask << shift)) | (uint32_t(number) << shift);
        p[0] = static_cast<uint8_t>(word);
        if (two)
            p[1] = static_cast<uint8_t>(word >> 8);
    }
    return true;
}

bool BitCodec::learn(const int8_t* in) {
    bool widened = false;
    for (size_t i = 0; i < bits_.size(); ++i) {
        if (number_of(i, in[i]) != kUnseen)
            continue;
        auto& vs = values_[i];
        // A field with 255 values would need kUnseen as a number; only a
        // counter running through the whole byte range gets there.
        if (vs.size() == kUnseen)
            throw PackRangeError(static_cast<int>(i));
        const auto n = static_cast<uint8_t>(vs.size());
        vs.push_back(in[i]);
        if (in[i] >= kLow && in[i] < kLow + kWindow)
            window_[i * kWindow + (in[i] - kLow)] = n;
        if (n < kHot)
            hot_[i * kHot + n] = in[i];
        while ((size_t(1) << bits_[i]) < vs.size()) {
            ++bits_[i];
            widened = true;
        }
    }
    empty_ = false;
    relayout();
    return widened;
}

void BitCodec::relayout() {
    uint32_t bits = 0;
    varying_.clear();
    for (size_t i = 0; i < bits_.size(); ++i) {
        offsets_[i] = bits;
        bits += bits_[i];
        constant_[i] = values_[i][0];
        is_constant_[i] = bits_[i] == 0 ? 0xff : 0;
        if (bits_[i] > 0)
            varying_.push_back(static_cast<uint32_t>(i));
    }
    // At least one byte, so that an encoding is never an empty buffer (whose
    // data() may be null).
    bytes_ = std::max(1, static_cast<int>((bits + 7) / 8));
}

uint32_t hash_bytes(const uint8_t* p, int n) {
    uint64_t h = 0x9e3779b97f4a7c15ull ^ uint64_t(n);
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    if (n > 0)
        std::memcpy(&tail, p, n);
    h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 32;
    return static_cast<uint32_t>(h);
}

} // namespace atscheck
