#include "checker/conform/stub_build.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

#include "checker/conform/shell.hpp"
#include "checker/input/input_error.hpp"
#include "checker/input/json_fields.hpp"
#include "conform_stub.hpp"

namespace atscheck {

namespace fs = std::filesystem;

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "atscheck-conform-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("cannot create a temporary directory in " +
                                 fs::temp_directory_path().string());
    path_ = pattern;
}

TempDir::~TempDir() {
    // ATSCHECK_KEEP_BUILD=1 keeps the generated sources and harness to read.
    if (const char* keep = std::getenv("ATSCHECK_KEEP_BUILD"); keep && *keep == '1') {
        std::fprintf(stderr, "atscheck: kept %s\n", path_.c_str());
        return;
    }
    std::error_code ec;
    fs::remove_all(path_, ec);
}

void write_file(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

void write_stub(const fs::path& dir, const std::vector<std::string>& headers,
                const std::string& stub_header) {
    for (const auto& f : conform_stub::kFiles)
        write_file(dir / f.name, std::string(f.text));
    for (const auto& h : headers)
        write_file(dir / "include" / h, "#include \"" + stub_header + "\"\n");
}

namespace {

std::string quoted(const fs::path& p) {
    return shell_quoted(p.string());
}

// The compiler's first error, naming the tree's files rather than the copies.
std::string first_error(const std::string& log, const std::vector<CSource>& sources) {
    std::istringstream in(log);
    std::string line, first;
    while (std::getline(in, line)) {
        if (first.empty() && !line.empty())
            first = line;
        // a linker's undefined reference comes before its "ld returned 1"
        if (line.find("error") != std::string::npos ||
            line.find("undefined reference") != std::string::npos) {
            first = line;
            break;
        }
    }
    for (const auto& s : sources)
        for (size_t at; (at = first.find(s.path.string())) != std::string::npos;)
            first.replace(at, s.path.string().size(), s.shown_as);
    return first.empty() ? "the compiler failed without a message" : first;
}

} // namespace

void compile_c(const fs::path& exe, const std::vector<CSource>& sources) {
    const char* cc = std::getenv("CC");
    const fs::path dir = exe.parent_path(), log = dir / "cc.log";
    std::string objects;
    for (size_t i = 0; i < sources.size(); ++i) {
        const CSource& s = sources[i];
        const fs::path obj = dir / ("unit" + std::to_string(i) + ".o");
        std::string cmd = std::string(cc && *cc ? cc : "cc") +
                          " -std=gnu11 -w -Werror=implicit-function-declaration -c -o " +
                          quoted(obj);
        for (const auto& a : s.args)
            cmd += " " + a;
        cmd += " " + quoted(s.path) + " > " + quoted(log) + " 2>&1";
        if (std::system(cmd.c_str()) != 0)
            throw InputError(s.shown_as, "",
                             "does not compile against atscheck's stub of the kernel: " +
                                 first_error(read_text_file(log), sources));
        objects += " " + quoted(obj);
    }
    const std::string link = std::string(cc && *cc ? cc : "cc") + " -o " + quoted(exe) + objects;
    if (std::system((link + " -static > " + quoted(log) + " 2>&1").c_str()) != 0 &&
        std::system((link + " > " + quoted(log) + " 2>&1").c_str()) != 0)
        throw InputError(sources.front().shown_as, "",
                         "does not link against atscheck's stub of the kernel: " +
                             first_error(read_text_file(log), sources));
}

std::string run_harness(const fs::path& exe, const std::string& input, int seconds,
                        const std::string& shown_as, const std::string& tag) {
    // Its files in a directory of their own: a harness kept in the cache
    // (slice_cache.hpp) may be run by several processes at once.
    const TempDir io;
    const fs::path dir = io.path();
    const fs::path in = dir / (tag + ".in"), out = dir / (tag + ".out"), err = dir / (tag + ".log");
    write_file(in, input);
    const std::string cmd = "timeout " + std::to_string(seconds) + " " + quoted(exe) + " < " +
                            quoted(in) + " > " + quoted(out) + " 2> " + quoted(err);
    if (std::system(cmd.c_str()) != 0) {
        std::string log = read_text_file(err);
        log = log.substr(0, log.find('\n'));
        throw InputError(shown_as, "",
                         "its code crashed or did not return within " + std::to_string(seconds) +
                             " s on atscheck's stub" + (log.empty() ? "" : ": " + log));
    }
    return read_text_file(out);
}

} // namespace atscheck
