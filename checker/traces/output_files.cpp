#include "checker/traces/output_files.hpp"

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "checker/input/input_error.hpp"
#include "checker/input/itf.hpp"

namespace atscheck {

namespace fs = std::filesystem;

void write_atomically(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp." + std::to_string(getpid());
    {
        std::ofstream out(tmp, std::ios::binary);
        out << text;
        if (!out.flush()) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw InputError(path, "", "cannot write the file");
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw InputError(path, "", "cannot write the file: " + ec.message());
    }
}

void prepare_out_dir(const std::string& dir, const std::string& option) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        throw InputError(option, dir,
                         "cannot create the directory" + (ec ? ": " + ec.message() : ""));
}

void check_writable_file(const std::string& path, const std::string& option) {
    const fs::path p(path);
    const fs::path parent = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    if (fs::is_directory(p))
        throw InputError(option, path, "is a directory, not a file");
    if (!fs::is_directory(parent))
        throw InputError(option, path, "its directory does not exist");
    if (access(parent.c_str(), W_OK) != 0)
        throw InputError(option, path, "its directory is not writable");
}

void write_traces(CheckedSystem& c, const std::string& dir) {
    for (auto& r : c.result.properties) {
        if (r.verdict != Verdict::Violated)
            continue;
        const PropertyInfo& info = property_info(r.property);
        const fs::path path =
            fs::path(dir) /
            (c.system.revision.name + "." + c.system.scenario.name + "." + info.name + ".itf.json");
        TraceMeta meta{info.name, result_name(c.result.engine),
                       std::string(info.name) + " violated in " + std::to_string(r.depth) +
                           " steps; symptom: " + symptom_on(info, c.system.revision)};
        write_atomically(path.string(), trace_to_itf(c.system, *r.trace, meta).dump(1) + "\n");
        r.trace_file = path.string();
    }
}

void write_obligations(const CheckedSystem& c, const std::string& dir) {
    for (const auto& r : c.result.properties)
        for (const auto& ob : r.obligations)
            write_atomically(
                (fs::path(dir) / (c.system.revision.name + "." + c.system.scenario.name + "." +
                                  property_info(r.property).name + "." + ob.name + ".smt2"))
                    .string(),
                ob.script);
}

} // namespace atscheck
