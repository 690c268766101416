// The engines, by one name each: the enum the code uses, the name the command
// line and CI manifests take, and the name a result carries (JSON, ITF #meta,
// reports). One table; the static_assert keeps it in the enum's order.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/enum_table.hpp"

namespace atscheck {

enum class Engine { Auto, Explicit, Bmc, KInduction, Pdr, Simulate, AllN };

struct EngineInfo {
    Engine engine;
    const char* cli;    // --engine, a manifest's engine.name
    const char* result; // CheckResult's engine in every output
    bool symbolic;      // has SMT-LIB obligations (--emit-smt2)
};

inline constexpr std::array<EngineInfo, 7> kEngines{{
    {Engine::Auto, "auto", "auto", true},
    {Engine::Explicit, "explicit", "explicit", false},
    {Engine::Bmc, "bmc", "bmc", true},
    {Engine::KInduction, "kind", "k-induction", true},
    {Engine::Pdr, "pdr", "pdr", true},
    {Engine::Simulate, "simulate", "simulate", false},
    {Engine::AllN, "all-n", "all-n", true}, // all_n.hpp: proofs for every number of units
}};

static_assert(in_enum_order(kEngines, [](const EngineInfo& e) { return e.engine; }),
              "kEngines must list the engines in enum order");

constexpr const EngineInfo& engine_info(Engine e) {
    return kEngines[static_cast<size_t>(e)];
}
inline const char* cli_name(Engine e) {
    return engine_info(e).cli;
}
inline const char* result_name(Engine e) {
    return engine_info(e).result;
}

// The engine a command-line name or a result name stands for.
inline std::optional<Engine> engine_from_cli(std::string_view name) {
    for (const auto& info : kEngines)
        if (name == info.cli)
            return info.engine;
    return std::nullopt;
}
inline std::optional<Engine> engine_from_result(std::string_view name) {
    for (const auto& info : kEngines)
        if (name == info.result)
            return info.engine;
    return std::nullopt;
}

// The command-line names, in the order --help lists them.
inline std::vector<std::string> engine_cli_names() {
    std::vector<std::string> out;
    for (const auto& info : kEngines)
        out.push_back(info.cli);
    return out;
}

} // namespace atscheck
