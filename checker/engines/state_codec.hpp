// The explicit engine's byte state: one signed byte per model field, in
// zip_fields order, the form symmetry reduction and trace rebuilding work on
// (what is stored is smaller still: bit_codec.hpp). Every counter stays
// within a byte: counts are bounded by the number of devices (kMaxDevices),
// which the scenario loader enforces. Only a leak that grows each cycle (a
// real one, or a seeded fault's) can push one past it.
#pragma once

#include "checker/internal_error.hpp"
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "model/concrete.hpp"

namespace atscheck {

// A counter past the byte range: only a leak that grows each cycle (a real
// one, as with release_with_pasid, or a seeded fault's) gets there, since the
// loader bounds the devices. The search stops and says which field grew.
struct PackRangeError : InternalError {
    int field; // in zip_fields order
    explicit PackRangeError(int f)
        : InternalError("a counter left the byte range (-128..127) the explicit engine packs"),
          field(f) {}
};

inline int packed_size(const System& sys) {
    return field_count(sys.num_devices(), sys.num_domains());
}

// Flattened: the field visitor inlined whole is a third of the search's time
// otherwise (perf on fleet-3).
[[gnu::flatten]] inline void pack_state(const ConcreteState& s, int8_t* out) {
    int i = 0;
    zip_fields(
        [&](const auto& v) {
            const int x = static_cast<int>(v);
            if (x < INT8_MIN || x > INT8_MAX)
                throw PackRangeError(i);
            out[i++] = static_cast<int8_t>(x);
        },
        s);
}

// `s` must already have the system's shape (see shaped_state).
[[gnu::flatten]] inline void unpack_state(const int8_t* in, ConcreteState& s) {
    int i = 0;
    zip_fields([&](auto& v) { v = static_cast<std::remove_reference_t<decltype(v)>>(in[i++]); }, s);
}

// The fields in which two byte states of `n` fields differ, into `out`;
// compared eight at a time, since a successor differs from its parent in few.
inline void differing_fields(const int8_t* a, const int8_t* b, int n, std::vector<uint32_t>& out) {
    out.clear();
    for (int at = 0; at < n; at += 8) {
        const int len = std::min(8, n - at);
        uint64_t x = 0, y = 0;
        std::memcpy(&x, a + at, len);
        std::memcpy(&y, b + at, len);
        for (int i = at; x != y && i < at + len; ++i)
            if (a[i] != b[i])
                out.push_back(static_cast<uint32_t>(i));
    }
}

} // namespace atscheck
