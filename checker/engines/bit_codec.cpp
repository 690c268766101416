#include "checker/engines/bit_codec.hpp"

#include <cstring>

#include "checker/engines/state_codec.hpp"

namespace atscheck {

BitCodec::BitCodec(int fields) : fields_(fields) {
    for (Field& f : fields_)
        f.numbers.fill(kUnseen);
}

bool BitCodec::encode(const int8_t* in, uint8_t* out) const {
    // Bits gather in `acc` and leave a byte at a time; a field has at most 8
    // bits, so `acc` never holds more than 15.
    uint32_t acc = 0;
    int held = 0;
    for (size_t i = 0; i < fields_.size(); ++i) {
        const Field& f = fields_[i];
        const uint8_t n = f.numbers[static_cast<uint8_t>(in[i] + 128)];
        if (n == kUnseen)
            return false;
        acc |= uint32_t(n) << held;
        held += f.bits;
        if (held >= 8) {
            *out++ = static_cast<uint8_t>(acc);
            acc >>= 8;
            held -= 8;
        }
    }
    if (held > 0)
        *out = static_cast<uint8_t>(acc);
    return true;
}

void BitCodec::decode(const uint8_t* in, int8_t* out) const {
    uint32_t acc = 0;
    int held = 0;
    for (size_t i = 0; i < fields_.size(); ++i) {
        const Field& f = fields_[i];
        if (held < f.bits) {
            acc |= uint32_t(*in++) << held;
            held += 8;
        }
        out[i] = f.values[acc & ((1u << f.bits) - 1)];
        acc >>= f.bits;
        held -= f.bits;
    }
}

bool BitCodec::learn(const int8_t* in) {
    bool widened = false;
    for (size_t i = 0; i < fields_.size(); ++i) {
        Field& f = fields_[i];
        uint8_t& n = f.numbers[static_cast<uint8_t>(in[i] + 128)];
        if (n != kUnseen)
            continue;
        // A field with 255 values would need kUnseen as a number; only a
        // counter running through the whole byte range gets there.
        if (f.values.size() == kUnseen)
            throw PackRangeError(static_cast<int>(i));
        n = static_cast<uint8_t>(f.values.size());
        f.values.push_back(in[i]);
        while ((size_t(1) << f.bits) < f.values.size()) {
            ++f.bits;
            widened = true;
        }
    }
    int bits = 0;
    for (const Field& f : fields_)
        bits += f.bits;
    bytes_ = (bits + 7) / 8;
    return widened;
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
    std::memcpy(&tail, p, n);
    h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 32;
    return static_cast<uint32_t>(h);
}

} // namespace atscheck
