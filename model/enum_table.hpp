// The name tables of atscheck's enums (engines, exit codes, branch points,
// lemma kinds) are indexed by the enumerator, so each is checked at compile
// time to list every enumerator in order.
#pragma once

#include <cstddef>

namespace atscheck {

// True when row i of `table` describes enumerator i, for every row; `key`
// gives a row's enumerator.
template <class Table, class Key> constexpr bool in_enum_order(const Table& table, Key key) {
    size_t i = 0;
    for (const auto& row : table)
        if (static_cast<size_t>(key(row)) != i++)
            return false;
    return true;
}

} // namespace atscheck
