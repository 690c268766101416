// `--format mail`: what a reviewer pastes into a reply on the list. Plain
// text at most 72 columns: the verdict table, then the shortest
// counterexample told in kernel terms, with its splat.
#pragma once

#include <string>

#include "checker/engines/result.hpp"

namespace atscheck {

inline constexpr size_t kMailColumns = 72;

// `text` with every line longer than `width` broken at spaces; a broken
// line's continuations are indented four columns past it. A word longer than
// the width (a path) stays whole.
std::string wrap_for_mail(const std::string& text, size_t width = kMailColumns);

// One check: `what` says what was checked (a revision, or the code of a tree).
std::string render_mail(const CheckedSystem& c, const std::string& what);

} // namespace atscheck
