#include "checker/engines/symmetry.hpp"

#include <algorithm>
#include <cstring>
#include <tuple>

#include "checker/engines/units.hpp"
#include "checker/traces/state_fields.hpp"

namespace atscheck {

Symmetry::Symmetry(const System& sys) {
    const std::vector<std::vector<int>> members = units_of(sys.scenario);
    const auto fields = describe_fields(sys);
    fields_ = static_cast<int>(fields.size());
    for (const auto& unit : members) {
        std::vector<int> bytes; // every field indexed by one of the unit's devices
        for (int d : unit) {
            for (int i = 0; i < fields_; ++i)
                if (fields[i].at.device == d)
                    bytes.push_back(i);
        }
        unit_bytes_.push_back(bytes);
        unit_devices_.push_back(unit.size());
    }
    // A seeded fault may treat alike units apart (model/mutants.hpp): no reduction.
    if (!breaks_symmetry(sys.mutant))
        classes_ = alike_classes(sys.scenario);
    unit_of_field_.assign(fields_, -1);
    for (size_t u = 0; u < unit_bytes_.size(); ++u)
        for (int i : unit_bytes_[u])
            unit_of_field_[i] = static_cast<int>(u);
    class_of_unit_.assign(unit_bytes_.size(), -1);
    position_of_unit_.assign(unit_bytes_.size(), -1);
    for (size_t c = 0; c < classes_.size(); ++c)
        for (size_t k = 0; k < classes_[c].size(); ++k) {
            class_of_unit_[classes_[c][k]] = static_cast<int>(c);
            position_of_unit_[classes_[c][k]] = static_cast<int>(k);
        }
}

std::string Symmetry::describe() const {
    std::string out;
    for (const auto& c : classes_)
        out += (out.empty() ? "" : ", ") + std::to_string(c.size()) + " interchangeable " +
               (unit_devices_[c[0]] > 1 ? "PF/VF units" : "devices");
    return out;
}

std::vector<std::vector<int>> Symmetry::generators() const {
    std::vector<std::vector<int>> out;
    for (const auto& cls : classes_)
        for (size_t u = 1; u < cls.size(); ++u) {
            std::vector<int> perm(fields_);
            for (int i = 0; i < fields_; ++i)
                perm[i] = i;
            const auto &a = unit_bytes_[cls[0]], &b = unit_bytes_[cls[u]];
            for (size_t k = 0; k < a.size(); ++k)
                std::swap(perm[a[k]], perm[b[k]]);
            out.push_back(perm);
        }
    return out;
}

// Units compare as their bytes do, unsigned, in unit_bytes_ order (memcmp's order).
int Symmetry::compare_units(const int8_t* state, int u, int v) const {
    const auto &a = unit_bytes_[u], &b = unit_bytes_[v];
    for (size_t k = 0; k < a.size(); ++k) {
        const auto x = static_cast<uint8_t>(state[a[k]]), y = static_cast<uint8_t>(state[b[k]]);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

Symmetry::Order Symmetry::restore_order(int8_t* state, const std::vector<uint32_t>& fields) const {
    if (classes_.empty())
        return Order::Kept;
    int changed = -1; // the one unit whose fields differ
    for (const uint32_t i : fields) {
        if (unit_of_field_[i] < 0)
            continue;
        if (changed >= 0 && changed != unit_of_field_[i])
            return Order::Unknown;
        changed = unit_of_field_[i];
    }
    if (changed < 0 || class_of_unit_[changed] < 0)
        return Order::Kept;
    // The others are still sorted: the changed unit's place is found by
    // comparing it with them in place, then the units between move one over.
    const auto& cls = classes_[class_of_unit_[changed]];
    const int k = position_of_unit_[changed];
    int to = k;
    while (to > 0 && compare_units(state, changed, cls[to - 1]) < 0)
        --to;
    while (to + 1 < static_cast<int>(cls.size()) && compare_units(state, changed, cls[to + 1]) > 0)
        ++to;
    if (to == k)
        return Order::Kept;
    const auto& moving = unit_bytes_[changed];
    scratch_.resize(moving.size());
    for (size_t b = 0; b < moving.size(); ++b)
        scratch_[b] = state[moving[b]];
    const int step = to < k ? -1 : 1;
    for (int j = k; j != to; j += step)
        for (size_t b = 0; b < moving.size(); ++b)
            state[unit_bytes_[cls[j]][b]] = state[unit_bytes_[cls[j + step]][b]];
    for (size_t b = 0; b < moving.size(); ++b)
        state[unit_bytes_[cls[to]][b]] = scratch_[b];
    return Order::Moved;
}

void Symmetry::canonicalize(int8_t* state) const {
    for (const auto& cls : classes_) {
        // Most successors change one unit and leave the order as it was: a
        // pass over neighbours, reading in place, settles them (perf: this
        // made canonicalize 2x faster on fleet-3).
        bool sorted = true;
        for (size_t u = 0; u + 1 < cls.size() && sorted; ++u)
            sorted = compare_units(state, cls[u], cls[u + 1]) <= 0;
        if (sorted)
            continue;
        const size_t width = unit_bytes_[cls[0]].size();
        scratch_.resize(cls.size() * width);
        for (size_t u = 0; u < cls.size(); ++u)
            for (size_t b = 0; b < width; ++b)
                scratch_[u * width + b] = state[unit_bytes_[cls[u]][b]];
        order_.resize(cls.size());
        for (size_t u = 0; u < cls.size(); ++u)
            order_[u] = static_cast<int>(u);
        std::sort(order_.begin(), order_.end(), [&](int a, int b) {
            return std::memcmp(&scratch_[a * width], &scratch_[b * width], width) < 0;
        });
        for (size_t u = 0; u < cls.size(); ++u)
            for (size_t b = 0; b < width; ++b)
                state[unit_bytes_[cls[u]][b]] = scratch_[order_[u] * width + b];
    }
}

} // namespace atscheck
