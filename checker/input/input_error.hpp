// The one error type for bad input: the file, the place in it (a JSON path such
// as $.devices[1].pf, or "line 3, column 7"), and what is wrong. main() prints it
// as one line and exits 2.
#pragma once

#include <stdexcept>
#include <string>

namespace atscheck {

class InputError : public std::runtime_error {
  public:
    InputError(const std::string& file, const std::string& where, const std::string& what)
        : std::runtime_error(file + ": " + (where.empty() ? "" : where + ": ") + what) {}
};

} // namespace atscheck
