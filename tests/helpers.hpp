// Shared test helpers: loading shipped inputs and running the atscheck binary.
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "checker/engines/explicit_engine.hpp"
#include "checker/input/load.hpp"

namespace atscheck::test {

inline System shipped_system(const std::string& revision, const std::string& scenario) {
    return System{
        load_revision(std::string(ATSCHECK_EXAMPLES_DIR) + "/revisions/" + revision + ".json"),
        load_scenario(scenario.rfind("fleet-", 0) == 0 ? scenario
                                                       : std::string(ATSCHECK_EXAMPLES_DIR) +
                                                             "/scenarios/" + scenario + ".json")};
}

// A property by name (the shipped ones are always known).
inline PropertyId prop(const std::string& name) {
    const auto id = find_property(name);
    if (!id)
        throw std::runtime_error("no property " + name);
    return *id;
}

// The number of shipped properties (properties/shipped.json).
inline size_t shipped_property_count() {
    size_t n = 0;
    for (const auto& p : all_properties())
        n += p.shipped;
    return n;
}

inline CheckResult explicit_check(const System& sys) {
    ExplicitOptions o;
    for (const auto& p : all_properties())
        o.properties.push_back(p.id);
    return check_explicit(sys, o);
}

inline const PropertyResult& result_for(const CheckResult& r, const std::string& name) {
    for (const auto& p : r.properties)
        if (property_info(p.property).name == name)
            return p;
    throw std::runtime_error("no result for " + name);
}

struct RunResult {
    int exit_code;
    std::string out;
    std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs the atscheck binary with `args` (shell-quoted by the caller), in
// directory `cwd` when given.
inline RunResult run_cli(const std::string& args, const std::string& cwd = "") {
    const auto dir = std::filesystem::temp_directory_path();
    const auto err_file = dir / ("atscheck-test-err-" + std::to_string(::getpid()));
    const std::string cmd = (cwd.empty() ? "" : "cd " + cwd + " && ") +
                            std::string("ATSCHECK_EXAMPLES=") + ATSCHECK_EXAMPLES_DIR + " " +
                            ATSCHECK_BINARY + " " + args + " 2>" + err_file.string();
    FILE* p = ::popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0)
        out.append(buf.data(), n);
    const int status = ::pclose(p);
    RunResult r{WEXITSTATUS(status), out, slurp(err_file)};
    std::filesystem::remove(err_file);
    return r;
}

// A fresh empty directory under the system's temp directory.
inline std::filesystem::path fresh_dir(const std::string& name) {
    auto d = std::filesystem::temp_directory_path() /
             ("atscheck-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p) << text;
}

} // namespace atscheck::test
