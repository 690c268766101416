// Re-checking SMT-LIB obligations with cvc5, a second solver: a proof must not
// pass on Z3's word alone.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include <catch2/catch.hpp>

namespace atscheck::test {

// CI installs cvc5 (scripts/deps.sh --test), so there a missing cvc5 fails the
// test; elsewhere the re-check is skipped with a warning.
inline bool cvc5_available() {
    if (std::system("command -v cvc5 >/dev/null 2>&1") == 0)
        return true;
    if (std::getenv("CI"))
        FAIL("cvc5 is not installed, and CI must re-check every obligation with it");
    WARN("cvc5 is not installed (scripts/deps.sh --test installs it); skipping the re-check");
    return false;
}

// cvc5's first line of output on the script `file`: "unsat", "sat" or an error.
inline std::string cvc5_answer(const std::string& file) {
    FILE* p = ::popen(("cvc5 --tlimit=60000 " + file + " 2>&1").c_str(), "r");
    char buf[256] = "";
    const bool read = std::fgets(buf, sizeof buf, p) != nullptr;
    ::pclose(p);
    std::string line = read ? buf : "";
    return line.substr(0, line.find('\n'));
}

} // namespace atscheck::test
