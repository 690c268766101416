// conform runs the C compiler, the harness and git through the shell.
#pragma once

#include <array>
#include <cstdio>
#include <string>

namespace atscheck {

// `s` as one shell word: single-quoted, with each ' written as '\''.
inline std::string shell_quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// What `cmd` prints on stdout, its trailing newlines dropped; `ok` (when
// given) tells whether it exited 0.
inline std::string shell_output(const std::string& cmd, bool* ok = nullptr) {
    FILE* p = ::popen(cmd.c_str(), "r");
    std::string out;
    if (!p) {
        if (ok)
            *ok = false;
        return out;
    }
    std::array<char, 4096> buf{};
    for (size_t n; (n = std::fread(buf.data(), 1, buf.size(), p)) > 0;)
        out.append(buf.data(), n);
    const int status = ::pclose(p);
    if (ok)
        *ok = status == 0;
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
        out.pop_back();
    return out;
}

} // namespace atscheck
