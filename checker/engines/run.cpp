#include "checker/engines/run.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "checker/engines/all_n.hpp"
#include "checker/engines/auto_engine.hpp"
#include "checker/engines/bmc_engine.hpp"
#include "checker/engines/explicit_engine.hpp"
#include "checker/engines/kinduction_engine.hpp"
#include "checker/engines/pdr_engine.hpp"
#include "checker/engines/portfolio_engine.hpp"
#include "checker/engines/simulation.hpp"
#include "checker/engines/vacuity.hpp"
#include "checker/input/input_error.hpp"
#include "checker/limits/memory_limit.hpp"

namespace atscheck {

namespace {
// Below this a Z3 context alone would trip the limit; above it is a typo.
constexpr size_t kMinMemoryLimitMb = 64, kMaxMemoryLimitMb = size_t(1) << 20;
} // namespace

void validate_engine_choice(const EngineChoice& e) {
    if (e.depth && *e.depth < 0)
        throw InputError("--depth", std::to_string(*e.depth), "the depth bound must be >= 0");
    if (e.depth && *e.depth > 100000)
        throw InputError("--depth", std::to_string(*e.depth),
                         "absurd depth bound (at most 100000)");
    if (e.runs < 1 || e.runs > 100000000)
        throw InputError("--runs", std::to_string(e.runs), "runs must be between 1 and 100000000");
    if (e.timeout && (*e.timeout < 0 || *e.timeout > 7 * 24 * 3600.0))
        throw InputError("--timeout", nlohmann::json(*e.timeout).dump(),
                         "the timeout must be between 0 and a week (604800 s)");
    if (e.memory_limit_mb && *e.memory_limit_mb != 0 &&
        (*e.memory_limit_mb < kMinMemoryLimitMb || *e.memory_limit_mb > kMaxMemoryLimitMb))
        throw InputError("--memory-limit", std::to_string(*e.memory_limit_mb),
                         "the memory limit must be between 64 MB and 1048576 MB (1 TB)");
    if (e.threads > 256)
        throw InputError("--threads", std::to_string(e.threads), "at most 256 threads");
    if (e.emit_smt2 && !engine_info(e.engine).symbolic)
        throw InputError("--emit-smt2", cli_name(e.engine),
                         "only the symbolic engines (auto, bmc, kind, pdr) have SMT obligations");
}

std::vector<PropertyId> selected_properties(const std::vector<std::string>& names,
                                            const std::vector<PropertyId>& user,
                                            const std::string& where) {
    std::vector<PropertyId> out;
    if (names.empty() && !user.empty())
        return user;
    if (names.empty()) {
        for (const auto& p : all_properties())
            if (p.shipped)
                out.push_back(p.id);
        return out;
    }
    for (const auto& n : names) {
        auto id = find_property(n);
        if (!id) {
            std::string known;
            for (const auto& p : all_properties())
                known += (known.empty() ? "" : ", ") + std::string(p.name);
            throw InputError(where, n, "unknown property; known: " + known);
        }
        out.push_back(*id);
    }
    return out;
}

CheckResult run_engine(const System& sys, const EngineChoice& e,
                       const std::vector<PropertyId>& props, ProgressFn progress) {
    // A zero timeout means none, as on the command line.
    const std::optional<double> timeout =
        e.timeout && *e.timeout > 0 ? e.timeout : std::optional<double>();
    const RunLimits limits{.timeout = timeout, .progress = progress};
    switch (e.engine) {
    case Engine::Simulate:
        return check_simulation(sys, SimulationOptions{.properties = props,
                                                       .limits = limits,
                                                       .seed = e.seed,
                                                       .runs = e.runs,
                                                       .max_depth = e.depth.value_or(30)});
    case Engine::Auto:
        return check_auto(sys, PortfolioOptions{.properties = props,
                                                .limits = limits,
                                                .bmc_depth = e.depth.value_or(10),
                                                .emit_smt2 = e.emit_smt2});
    case Engine::Pdr:
        return check_pdr(sys, PdrOptions{.properties = props,
                                         .limits = limits,
                                         .emit_smt2 = e.emit_smt2,
                                         .lemmas = e.lemmas});
    case Engine::KInduction:
        return check_kinduction(sys, KInductionOptions{.properties = props,
                                                       .limits = limits,
                                                       .max_k = e.depth.value_or(12),
                                                       .emit_smt2 = e.emit_smt2,
                                                       .lemmas = e.lemmas});
    case Engine::Bmc:
        return check_bmc(sys, BmcOptions{.properties = props,
                                         .limits = limits,
                                         .max_depth = e.depth.value_or(10),
                                         .emit_smt2 = e.emit_smt2});
    case Engine::AllN:
        return check_all_n(
            sys, AllNOptions{.properties = props, .limits = limits, .emit_smt2 = e.emit_smt2});
    case Engine::Explicit:
        break;
    }
    return check_explicit(sys, ExplicitOptions{.properties = props,
                                               .limits = limits,
                                               .max_depth = e.depth,
                                               .symmetry = e.symmetry,
                                               .threads = e.threads});
}

void recheck_counterexamples(const CheckedSystem& c) {
    for (const auto& r : c.result.properties) {
        if (r.verdict != Verdict::Violated)
            continue;
        const ReplayResult rr = replay_trace(c.system, *r.trace);
        const std::string& name = property_info(r.property).name;
        if (rr.mismatch)
            throw InternalError(
                std::string("the counterexample for ") + name + " does not replay at state " +
                std::to_string(rr.mismatch->state_index) + ": " + rr.mismatch->what);
        // The replayed run ends in the trace's last state (it matched at every step).
        ConcreteState last =
            r.trace->steps.empty() ? r.trace->initial : r.trace->steps.back().state;
        ConcreteContext x(last);
        if (property_holds(x, c.system, r.property))
            throw InternalError(std::string("the counterexample for ") + name +
                                " does not violate it on replay");
    }
}

CheckedSystem check_system(System sys, const EngineChoice& e, const std::vector<PropertyId>& props,
                           ProgressFn progress) {
    CheckedSystem c{std::move(sys), {}};
    {
        std::optional<MemoryLimit> limit;
        if (e.memory_limit_mb && *e.memory_limit_mb > 0)
            limit.emplace(*e.memory_limit_mb);
        c.result = run_engine(c.system, e, props, std::move(progress));
    }
    recheck_counterexamples(c);
    std::optional<MemoryLimit> limit;
    if (e.memory_limit_mb && *e.memory_limit_mb > 0)
        limit.emplace(*e.memory_limit_mb);
    mark_vacuous(c, e);
    return c;
}

} // namespace atscheck
