#include "checker/conform/slice_cache.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "checker/conform/c_source.hpp"
#include "checker/conform/pci_conform.hpp"
#include "checker/input/json_fields.hpp"
#include "model/kernel_site.hpp"

namespace atscheck {

namespace fs = std::filesystem;

namespace {

// FNV-1a, 64 bits: stable across runs and machines, unlike std::hash.
uint64_t fnv1a(uint64_t h, const std::string& bytes) {
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

std::string file_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Everything the build reads: atscheck itself (the slice's generator, the
// stub of the kernel it embeds, the PCI cases), $CC, the tree's files.
std::string tree_fingerprint(const std::string& kernel_dir) {
    uint64_t h = fnv1a(1469598103934665603ULL, file_bytes("/proc/self/exe"));
    const char* cc = std::getenv("CC");
    h = fnv1a(h, cc && *cc ? cc : "cc");
    for (const char* file : {kSmmuFile, kSmmuHeaderFile, kSmmuSvaFile, kAtsFile}) {
        const fs::path p = fs::path(kernel_dir) / file;
        h = fnv1a(h, std::string(file) + (fs::exists(p) ? "\n" + file_bytes(p) : " (none)"));
    }
    char hex[17];
    std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

// The cache's directory, created, or none where it cannot be.
std::optional<fs::path> cache_root() {
    fs::path root;
    if (const char* dir = std::getenv("ATSCHECK_CACHE_DIR"); dir && *dir)
        root = dir;
    else if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        root = fs::path(xdg) / "atscheck";
    else if (const char* home = std::getenv("HOME"); home && *home)
        root = fs::path(home) / ".cache" / "atscheck";
    else
        return std::nullopt;
    std::error_code ec;
    fs::create_directories(root / "trees", ec);
    if (ec || access((root / "trees").c_str(), W_OK) != 0)
        return std::nullopt;
    return root / "trees";
}

nlohmann::json entry_json(const CompiledTree& t) {
    nlohmann::json functions = nlohmann::json::array();
    for (const auto& f : t.slice.functions)
        functions.push_back({f.name, f.from_tree, f.line, f.why, f.file});
    return {{"era", static_cast<int>(t.slice.era)},
            {"pasid", t.slice.pasid},
            {"sva", t.slice.sva},
            {"functions", functions},
            {"ats_supported", to_string(t.pci.ats_supported)},
            {"prepare_vf", to_string(t.pci.prepare_vf)},
            {"warn_lines",
             {t.pci.warn_lines.prepare, t.pci.warn_lines.enable, t.pci.warn_lines.disable}}};
}

template <class E> E enum_named(const std::string& name, std::initializer_list<E> values) {
    for (E v : values)
        if (name == to_string(v))
            return v;
    throw std::runtime_error("a cache entry names an unknown value " + name);
}

CompiledTree from_entry(const fs::path& dir) {
    const auto j = nlohmann::json::parse(read_text_file((dir / "tree.json").string()));
    CompiledTree t;
    t.slice.era = static_cast<SmmuEra>(j.at("era").get<int>());
    t.slice.pasid = j.at("pasid");
    t.slice.sva = j.at("sva");
    for (const auto& f : j.at("functions"))
        t.slice.functions.push_back({f.at(0), f.at(1), f.at(2), f.at(3), f.at(4)});
    t.slice.exe = dir / "smmu-harness";
    t.pci.name = "conform";
    t.pci.ats_supported =
        enum_named(j.at("ats_supported"), {AtsSupported::OwnCap, AtsSupported::PfAware});
    t.pci.prepare_vf = enum_named(j.at("prepare_vf"), {PrepareVf::Noop, PrepareVf::ValidateStu});
    t.pci.warn_lines = {j.at("warn_lines").at(0), j.at("warn_lines").at(1),
                        j.at("warn_lines").at(2)};
    t.from_cache = true;
    return t;
}

CompiledTree build(const std::string& kernel_dir, const fs::path& dir, const PciConformance* pci) {
    CompiledTree t;
    t.pci = pci_revision(pci ? *pci : conform_pci(kernel_dir));
    SourceTree tree(kernel_dir);
    t.slice = build_smmu_slice(tree, dir);
    return t;
}

} // namespace

CompiledTree compiled_tree(const std::string& kernel_dir, const fs::path& scratch,
                           const PciConformance* pci) {
    const auto root = cache_root();
    if (!root)
        return build(kernel_dir, scratch, pci);
    const fs::path entry = *root / tree_fingerprint(kernel_dir);
    std::error_code ec;
    if (fs::exists(entry / "tree.json")) {
        try {
            return from_entry(entry);
        } catch (const std::exception&) {
            // A damaged entry is moved aside (one rename) and built again.
            const fs::path stale = entry.string() + ".stale-" + std::to_string(getpid());
            fs::rename(entry, stale, ec);
            fs::remove_all(stale, ec);
        }
    }
    CompiledTree t = build(kernel_dir, scratch, pci);
    // Into the cache whole or not at all: a private directory renamed into
    // place. An entry another process put there meanwhile stays (the rename
    // fails on it): removing it would pull its harness from under a process
    // about to run it, as two tests side by side once did.
    const fs::path part = entry.string() + ".part-" + std::to_string(getpid());
    fs::remove_all(part, ec);
    fs::create_directories(part, ec);
    fs::copy_file(t.slice.exe, part / "smmu-harness", ec);
    fs::permissions(part / "smmu-harness", fs::perms::owner_all, fs::perm_options::add, ec);
    if (!ec) {
        std::ofstream(part / "tree.json") << entry_json(t).dump() << "\n";
        fs::rename(part, entry, ec);
    }
    fs::remove_all(part, ec);
    if (fs::exists(entry / "tree.json") && fs::exists(entry / "smmu-harness"))
        t.slice.exe = entry / "smmu-harness";
    return t;
}

} // namespace atscheck
