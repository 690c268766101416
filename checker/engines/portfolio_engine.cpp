#include "checker/engines/portfolio_engine.hpp"
#include "checker/internal_error.hpp"

#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

#include "checker/engines/bmc_engine.hpp"
#include "checker/engines/kinduction_engine.hpp"
#include "checker/engines/pdr_engine.hpp"
#include "checker/engines/settled_flags.hpp"

namespace atscheck {

namespace {

// Proves what it can: k-induction, then PDR on the properties still open.
CheckResult prove(const System& sys, const PortfolioOptions& opts, SettledFlags& settled) {
    const auto t0 = std::chrono::steady_clock::now();
    const RunLimits limits{.timeout = opts.limits.timeout, .settled = &settled};
    CheckResult kind = check_kinduction(sys, KInductionOptions{.properties = opts.properties,
                                                               .limits = limits,
                                                               .max_k = opts.max_k,
                                                               .emit_smt2 = opts.emit_smt2});
    bool open = false;
    for (const auto& r : kind.properties)
        open = open || (r.verdict != Verdict::Proved && r.verdict != Verdict::Violated);
    if (!open || settled.all_settled())
        return kind;
    const double spent =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    CheckResult pdr = check_pdr(sys, PdrOptions{.properties = opts.properties,
                                                .limits = limits.after(spent, 0.1),
                                                .emit_smt2 = opts.emit_smt2});
    for (size_t p = 0; p < kind.properties.size(); ++p) {
        auto& k = kind.properties[p];
        const auto& d = pdr.properties[p];
        if (k.verdict == Verdict::Proved || k.verdict == Verdict::Violated)
            continue;
        if (d.verdict == Verdict::Proved || d.verdict == Verdict::Violated)
            k = d;
        else if (!d.reason.empty())
            k.reason += (k.reason.empty() ? "" : "; ") + std::string("pdr: ") + d.reason;
    }
    kind.stats.solver_calls += pdr.stats.solver_calls;
    return kind;
}

// The verdict of one property from the two threads' results.
PropertyResult combine(const PropertyResult& bmc, const PropertyResult& proof) {
    const std::string& name = property_info(bmc.property).name;
    if (bmc.verdict == Verdict::Violated && proof.verdict == Verdict::Proved)
        throw InternalError(std::string("engines disagree on ") + name +
                            ": BMC violates it at depth " + std::to_string(bmc.depth) + ", " +
                            proof.method + " proves it");
    if (proof.verdict == Verdict::Violated && bmc.verdict == Verdict::Bounded &&
        proof.depth <= bmc.bound)
        throw InternalError(std::string("engines disagree on ") + name +
                            ": BMC found no violation up to depth " + std::to_string(bmc.bound) +
                            ", " + proof.method + " violates it at depth " +
                            std::to_string(proof.depth));
    if (bmc.verdict == Verdict::Violated)
        return bmc;
    if (proof.verdict == Verdict::Proved || proof.verdict == Verdict::Violated)
        return proof;
    PropertyResult out = bmc.verdict == Verdict::Bounded ? bmc : proof;
    const std::string& other = bmc.verdict == Verdict::Bounded ? proof.reason : bmc.reason;
    if (!other.empty() && other != out.reason)
        out.reason += (out.reason.empty() ? "" : "; ") + other;
    return out;
}

} // namespace

CheckResult check_portfolio(const System& sys, const PortfolioOptions& opts) {
    const auto t0 = std::chrono::steady_clock::now();
    SettledFlags settled(opts.properties.size());
    std::mutex progress_mutex;
    ProgressFn progress;
    if (opts.limits.progress)
        progress = [&](const Progress& p) {
            std::lock_guard<std::mutex> lock(progress_mutex);
            opts.limits.progress(p);
        };

    CheckResult proof;
    std::exception_ptr proof_error;
    std::thread prover([&] {
        try {
            proof = prove(sys, opts, settled);
        } catch (...) {
            proof_error = std::current_exception();
        }
    });
    CheckResult bmc;
    try {
        bmc = check_bmc(sys, BmcOptions{.properties = opts.properties,
                                        .limits = {opts.limits.timeout, progress, &settled},
                                        .max_depth = opts.bmc_depth,
                                        .emit_smt2 = opts.emit_smt2});
    } catch (...) {
        prover.join();
        throw;
    }
    prover.join();
    if (proof_error)
        std::rethrow_exception(proof_error);

    CheckResult result;
    result.engine = Engine::Auto;
    for (size_t p = 0; p < opts.properties.size(); ++p)
        result.properties.push_back(combine(bmc.properties[p], proof.properties[p]));
    result.stats.depth = bmc.stats.depth;
    result.stats.solver_calls = bmc.stats.solver_calls + proof.stats.solver_calls;
    result.stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

} // namespace atscheck
