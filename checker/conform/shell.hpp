// conform runs the C compiler, the harness and git through the shell.
#pragma once

#include <string>

namespace atscheck {

// `s` as one shell word: single-quoted, with each ' written as '\''.
inline std::string shell_quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

} // namespace atscheck
