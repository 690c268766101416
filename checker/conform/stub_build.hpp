// Building a tree's sources against atscheck's stub of the kernel
// (checker/conform/stub/) in a temporary directory, for both layers of
// `atscheck conform`: the PCI cases and the SMMU lockstep.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace atscheck {

// A directory of its own under the system's temporary directory, removed
// with everything in it when this goes out of scope.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

void write_file(const std::filesystem::path& p, const std::string& text);

// Writes every file of the stub into `dir`, and `dir/include/H` for each
// header H the tree's sources include, each naming `stub_header`.
void write_stub(const std::filesystem::path& dir, const std::vector<std::string>& headers,
                const std::string& stub_header);

// One C translation unit: the file compiled and what its errors should name.
struct CSource {
    std::filesystem::path path;    // the copy compiled
    std::string shown_as;          // the tree's file, in the first error
    std::vector<std::string> args; // extra compiler arguments (include paths)
};

// Compiles and links the sources with the system C compiler ($CC, else cc)
// into `exe`, statically where the C library allows (a harness that forks
// per edge forks a third faster without shared libraries' mappings). Throws
// InputError naming the tree's file with the compiler's first error.
void compile_c(const std::filesystem::path& exe, const std::vector<CSource>& sources);

// Runs `exe` with `input` on stdin, stopped after `seconds`; returns its
// stdout. Throws InputError (naming `shown_as`) when it fails or times out.
// `tag` names its files (in a temporary directory of their own).
std::string run_harness(const std::filesystem::path& exe, const std::string& input, int seconds,
                        const std::string& shown_as, const std::string& tag = "run");

} // namespace atscheck
