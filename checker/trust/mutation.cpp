#include "checker/trust/mutation.hpp"

#include "checker/reports/check_report.hpp"

namespace atscheck {

namespace {

// Whether the two runs disagree on a property: Kill when they surely do, Open
// when one side is bounded or unknown and its bound cannot settle it. A
// mutant that breaks a counter has infinitely many states, so mutants usually
// run depth-bounded: bounded@K against violated@N with N <= K is a kill.
enum class Comparison { Same, Kill, Open };

Comparison compare_one(const PropertyResult& a, const PropertyResult& b) {
    auto violated_within = [](const PropertyResult& v, const PropertyResult& bounded) {
        return v.verdict == Verdict::Violated && bounded.verdict == Verdict::Bounded &&
               v.depth <= bounded.bound;
    };
    if (violated_within(a, b) || violated_within(b, a))
        return Comparison::Kill;
    const bool a_violated = a.verdict == Verdict::Violated;
    const bool b_violated = b.verdict == Verdict::Violated;
    if (a_violated != b_violated && (a.verdict == Verdict::Proved || b.verdict == Verdict::Proved))
        return Comparison::Kill;
    if (a.verdict == b.verdict && a.verdict != Verdict::Unknown)
        return Comparison::Same; // both violated, both proved, or neither found anything
    return Comparison::Open;
}

// The properties whose verdict differs between the real and the mutated run;
// sets `inconclusive` when a pair could not be compared.
std::vector<Kill> compare(const CheckedSystem& real, const CheckedSystem& mutated,
                          bool& inconclusive) {
    std::vector<Kill> kills;
    for (size_t p = 0; p < real.result.properties.size(); ++p) {
        const PropertyResult& a = real.result.properties[p];
        const PropertyResult& b = mutated.result.properties[p];
        const Comparison c = compare_one(a, b);
        inconclusive = inconclusive || c == Comparison::Open;
        if (c == Comparison::Kill)
            kills.push_back({real.system.revision.name, real.system.scenario.name, a.property,
                             verdict_cell(a), verdict_cell(b)});
    }
    return kills;
}

} // namespace

size_t MutationReport::killed() const {
    size_t n = 0;
    for (const auto& m : mutants)
        n += m.killed();
    return n;
}

MutationReport run_mutants(const std::vector<LoadedCell>& cells, const std::vector<Mutant>& mutants,
                           const EngineChoice& engine, const MutantObserver& observer) {
    MutationReport report{engine.engine, cells.size(), {}};
    std::vector<CheckedSystem> real;
    for (const auto& cell : cells)
        real.push_back(check_system(cell.system, engine, cell.properties, nullptr));
    for (size_t i = 0; i < mutants.size(); ++i) {
        MutantOutcome outcome{nullptr, {}, false};
        for (const auto& info : kMutants)
            if (info.id == mutants[i])
                outcome.mutant = &info;
        for (size_t c = 0; c < cells.size() && !outcome.killed(); ++c) {
            System sys = cells[c].system;
            sys.mutant = mutants[i];
            const CheckedSystem mutated =
                check_system(std::move(sys), engine, cells[c].properties, nullptr);
            outcome.kills = compare(real[c], mutated, outcome.inconclusive);
        }
        if (outcome.killed())
            outcome.inconclusive = false;
        if (observer)
            observer(i, mutants.size(), outcome);
        report.mutants.push_back(std::move(outcome));
    }
    return report;
}

ExitCode mutation_exit_code(const MutationReport& r) {
    ExitCode code = ExitCode::Ok;
    for (const auto& m : r.mutants)
        if (!m.killed())
            code = most_severe(code, m.inconclusive ? ExitCode::Inconclusive : ExitCode::Violated);
    return code;
}

} // namespace atscheck
