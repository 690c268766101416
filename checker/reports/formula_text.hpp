// A z3 formula printed for people: infix operators, the model's field names,
// domain indices as domain names, and a top-level conjunction one per line.
#pragma once

#include <string>

#include <z3++.h>

#include "model/state.hpp"

namespace atscheck {

std::string formula_text(const System& sys, const z3::expr& e);

} // namespace atscheck
