#include "checker/sweeps/shards.hpp"

#include <algorithm>
#include <filesystem>
#include <regex>

#include "checker/input/input_error.hpp"
#include "checker/input/itf.hpp"
#include "checker/input/json_fields.hpp"
#include "checker/input/load.hpp"

namespace atscheck {

namespace {

constexpr int kMaxShards = 10000;

Verdict read_verdict(JsonFields& f) {
    const std::string v = f.one_of("verdict", {"proved", "violated", "bounded", "unknown"});
    return v == "proved"     ? Verdict::Proved
           : v == "violated" ? Verdict::Violated
           : v == "bounded"  ? Verdict::Bounded
                             : Verdict::Unknown;
}

std::string string_or_null(JsonFields& f, const char* key) {
    const json& v = f.raw(key);
    if (v.is_null())
        return "";
    if (!v.is_string())
        f.fail(f.path(key), "expected a string or null");
    return v.get<std::string>();
}

int int_or_null(JsonFields& f, const char* key) {
    const json& v = f.raw(key);
    if (v.is_null())
        return -1;
    if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 1000000)
        f.fail(f.path(key), "expected a step count or null");
    return v.get<int>();
}

PropertyResult read_property(const std::string& file, const json& j, const std::string& path) {
    JsonFields f(file, j, path);
    const std::string name = f.string("name");
    // A user's property comes with its expression: known from here on.
    const std::string expression = f.string_or("expression", "");
    const auto id =
        expression.empty()
            ? find_property(name)
            : std::optional<PropertyId>(add_property_spec(file, path, name, "", "", expression));
    if (!id)
        f.fail(f.path("name"), "unknown property \"" + name + "\"");
    PropertyResult r{*id};
    r.verdict = read_verdict(f);
    r.depth = int_or_null(f, "depth");
    r.bound = int_or_null(f, "bound");
    r.method = string_or_null(f, "method");
    r.trace_file = string_or_null(f, "trace");
    r.evidence = f.string_or("evidence", "");
    r.reason = f.string_or("reason", "");
    r.all_n = f.boolean_or("all_n", false) && r.verdict == Verdict::Proved;
    r.all_n_why_not = f.string_or("all_n_why_not", "");
    r.vacuous = r.verdict == Verdict::Proved ? f.string_or("vacuous", "") : "";
    f.finish_optional("trace_provenance"); // derived from the trace again where needed
    if (const json* lemmas = f.has("lemmas") ? &f.array("lemmas") : nullptr)
        for (const auto& l : *lemmas)
            if (l.is_string())
                r.lemmas.push_back(l.get<std::string>());
    f.finish();
    return r;
}

// An engine named by `key`, in the naming `from` reads (CLI or result names).
Engine read_engine_name(JsonFields& f, const char* key,
                        std::optional<Engine> (*from)(std::string_view)) {
    const std::string name = f.string(key);
    const auto engine = from(name);
    if (!engine)
        f.fail(f.path(key), "unknown engine \"" + name + "\"");
    return *engine;
}

EngineStats read_stats(const std::string& file, const json& j, const std::string& path) {
    JsonFields f(file, j, path);
    EngineStats st;
    auto count = [&](const char* key) {
        const json& v = f.raw(key);
        if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<long long>() >= 0))
            f.fail(f.path(key), "expected a count");
        return v.get<uint64_t>();
    };
    st.states = count("states");
    st.transitions = count("transitions");
    st.depth = static_cast<int>(count("depth"));
    st.exhaustive = f.boolean_or("exhaustive", false);
    st.seconds = f.number("seconds", 0, 1e9);
    st.memory_bytes = count("memory_bytes");
    st.runs = count("runs");
    st.solver_calls = count("solver_calls");
    f.finish();
    return st;
}

// One cell of a shard: its index and the CheckedSystem it stands for.
std::pair<size_t, CheckedSystem> read_cell(const std::string& file, const json& j,
                                           const std::string& path, size_t total) {
    JsonFields f(file, j, path);
    const size_t index = static_cast<size_t>(f.integer("index", 0, 1 << 30));
    if (index >= total)
        f.fail(f.path("index"), "cell " + std::to_string(index) + " of a sweep of " +
                                    std::to_string(total) + " cells");
    CheckedSystem c{
        System{revision_from_json(file, f.raw("revision_spec"), f.path("revision_spec")),
               scenario_from_json(file, f.raw("scenario_spec"), std::nullopt,
                                  f.path("scenario_spec"))},
        {}};
    if (f.string("revision") != c.system.revision.name ||
        f.string("scenario") != c.system.scenario.name)
        f.fail(path, "the revision or scenario name differs from its spec");
    f.string("tool");
    f.finish_optional("provenance"); // derived from the scenario_spec again where needed
    c.result.engine = read_engine_name(f, "engine", engine_from_result);
    c.result.stats = read_stats(file, f.raw("stats"), f.path("stats"));
    const json& props = f.array("properties");
    for (size_t i = 0; i < props.size(); ++i)
        c.result.properties.push_back(
            read_property(file, props[i], f.path("properties") + "[" + std::to_string(i) + "]"));
    f.finish();
    return {index, std::move(c)};
}

// A trace file named by a shard: as given, else beside the shard file.
std::optional<std::string> find_trace(const std::string& shard_file, const std::string& trace) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::is_regular_file(trace, ec))
        return trace;
    const fs::path beside = fs::path(shard_file).parent_path() / trace;
    if (fs::path(trace).is_relative() && fs::is_regular_file(beside, ec))
        return beside.string();
    return std::nullopt;
}

// Replays each violation's trace file on the cell, so merge reports no
// verdict it has not re-checked; one without a trace file to read is counted
// as taken from the shard file. A trace that does not replay, or does not
// violate its property, is bad input.
void recheck_violations(const std::string& shard_file, CheckedSystem& cell, MergedSweep& out) {
    for (auto& r : cell.result.properties) {
        if (r.verdict != Verdict::Violated)
            continue;
        const auto path =
            r.trace_file.empty() ? std::nullopt : find_trace(shard_file, r.trace_file);
        if (!path) {
            ++out.taken_from_shards;
            continue;
        }
        const ItfTrace t = trace_from_itf(*path, read_json_file(*path));
        const std::string& name = property_info(r.property).name;
        const ReplayResult replay = replay_trace(cell.system, t.trace);
        if (t.meta.property != name || replay.mismatch ||
            std::find(replay.violated.begin(), replay.violated.end(), r.property) ==
                replay.violated.end())
            throw InputError(*path, "$",
                             std::string("does not replay to a violation of ") + name + " on " +
                                 cell.system.revision.name + "/" + cell.system.scenario.name);
        r.trace = t.trace;
        ++out.replayed;
    }
}

} // namespace

Shard parse_shard(const std::string& text) {
    static const std::regex form("([0-9]{1,5})/([0-9]{1,5})");
    std::smatch m;
    if (!std::regex_match(text, m, form))
        throw InputError("--shard", text, "expected I/N, e.g. 2/8");
    const Shard s{std::stoi(m[1]), std::stoi(m[2])};
    if (s.count < 1 || s.count > kMaxShards || s.index < 1 || s.index > s.count)
        throw InputError("--shard", text, "I/N needs 1 <= I <= N <= 10000");
    return s;
}

std::vector<size_t> shard_cells(size_t total, Shard s) {
    std::vector<size_t> out;
    for (size_t i = static_cast<size_t>(s.index - 1); i < total; i += static_cast<size_t>(s.count))
        out.push_back(i);
    return out;
}

void annotate_shard(nlohmann::json& matrix, const std::vector<CheckedSystem>& cells,
                    const std::vector<size_t>& indices, Shard s, size_t total) {
    matrix["shard"] = {{"index", s.index}, {"count", s.count}, {"total", total}};
    for (size_t i = 0; i < cells.size(); ++i) {
        auto& cell = matrix["cells"][i];
        cell["index"] = indices[i];
        cell["revision_spec"] = revision_to_json(cells[i].system.revision);
        cell["scenario_spec"] = scenario_to_json(cells[i].system.scenario);
    }
}

MergedSweep merge_shards(const std::vector<std::string>& files) {
    MergedSweep out;
    std::vector<std::optional<CheckedSystem>> cells;
    std::optional<Shard> shape;
    std::vector<bool> seen_shard;
    for (const auto& file : files) {
        const json j = read_json_file(file);
        JsonFields f(file, j, "$");
        JsonFields sf(file, f.raw("shard"), f.path("shard"));
        const Shard s{sf.integer("index", 1, kMaxShards), sf.integer("count", 1, kMaxShards)};
        const size_t total = static_cast<size_t>(sf.integer("total", 0, 1 << 30));
        sf.finish();
        if (s.index > s.count)
            sf.fail(f.path("shard"), "index " + std::to_string(s.index) + " of " +
                                         std::to_string(s.count) + " shards");
        const Engine engine = read_engine_name(f, "engine", engine_from_cli);
        if (!shape) {
            shape = s;
            out.engine = engine;
            cells.resize(total);
            seen_shard.assign(static_cast<size_t>(s.count), false);
        } else if (s.count != shape->count || total != cells.size() || engine != out.engine) {
            f.fail("$", "this shard is of another sweep (" + std::to_string(s.count) + " shards, " +
                            std::to_string(total) + " cells, engine " + cli_name(engine) +
                            "; the first file has " + std::to_string(shape->count) + ", " +
                            std::to_string(cells.size()) + ", " + cli_name(out.engine) + ")");
        }
        if (seen_shard[static_cast<size_t>(s.index - 1)])
            f.fail(f.path("shard.index"), "shard " + std::to_string(s.index) + " is given twice");
        seen_shard[static_cast<size_t>(s.index - 1)] = true;
        f.string("tool");
        f.string("command");
        const json& list = f.array("cells");
        for (size_t i = 0; i < list.size(); ++i) {
            const std::string path = f.path("cells") + "[" + std::to_string(i) + "]";
            auto [index, cell] = read_cell(file, list[i], path, total);
            if (cells[index])
                throw InputError(file, path, "cell " + std::to_string(index) + " is given twice");
            recheck_violations(file, cell, out);
            cells[index] = std::move(cell);
        }
        f.finish();
    }
    for (size_t s = 0; s < seen_shard.size(); ++s)
        if (!seen_shard[s])
            throw InputError(files.back(), "$.shard",
                             "shard " + std::to_string(s + 1) + " of " +
                                 std::to_string(seen_shard.size()) +
                                 " is missing from the files given");
    for (size_t i = 0; i < cells.size(); ++i) {
        if (!cells[i])
            throw InputError(files.back(), "$.cells", "cell " + std::to_string(i) + " is missing");
        out.cells.push_back(std::move(*cells[i]));
    }
    return out;
}

} // namespace atscheck
