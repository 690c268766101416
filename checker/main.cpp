// atscheck: the command line. Parses options, loads the inputs, runs an engine,
// re-checks every counterexample on the concrete model, writes traces, and
// renders the results. Exit codes: see kExitCodes.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "checker/bmc_engine.hpp"
#include "checker/explicit_engine.hpp"
#include "checker/itf.hpp"
#include "checker/kinduction_engine.hpp"
#include "checker/pdr_engine.hpp"
#include "checker/portfolio_engine.hpp"
#include "checker/report.hpp"
#include "checker/simulation.hpp"
#include "checker/story.hpp"
#include "checker/version.hpp"
#include "model/json_fields.hpp"
#include "model/load.hpp"

using namespace atscheck;
namespace fs = std::filesystem;

namespace {

constexpr const char* kExitCodes = R"(Exit codes:
  0  every property holds (replay: the trace replays and violates nothing)
  1  a property is violated (replay: the trace replays and violates a property)
  2  bad input or usage (one line on stderr names the file and the place)
  3  inconclusive: a verdict is unknown (depth bound, time limit, simulation)
  4  internal error: a bug in atscheck (e.g. a counterexample that does not replay))";

struct InternalError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct CheckArgs {
    std::vector<std::string> revisions;
    std::string scenario;
    std::vector<std::string> properties;
    std::string engine = "auto";
    int depth = -1;
    bool depth_given = false;
    std::string out_dir;
    std::string smt2_dir; // --emit-smt2
    bool emit_smt2 = false;
    bool no_lemmas = false;
    std::string format = "text";
    uint64_t seed = 1;
    int runs = 1000;
    double timeout = 0;
};

std::vector<PropertyId> selected_properties(const std::vector<std::string>& names) {
    std::vector<PropertyId> out;
    if (names.empty()) {
        for (const auto& p : all_properties())
            out.push_back(p.id);
        return out;
    }
    for (const auto& n : names) {
        auto id = find_property(n);
        if (!id) {
            std::string known;
            for (const auto& p : all_properties())
                known += (known.empty() ? "" : ", ") + std::string(p.name);
            throw InputError("--property", n, "unknown property; known: " + known);
        }
        out.push_back(*id);
    }
    return out;
}

// Writes `text` to `path` through a temporary name, so no half-written file remains.
void write_atomically(const fs::path& path, const std::string& text) {
    const fs::path tmp = path.string() + ".tmp." + std::to_string(getpid());
    {
        std::ofstream out(tmp, std::ios::binary);
        out << text;
        if (!out.flush())
            throw InputError(path.string(), "", "cannot write the file");
    }
    fs::rename(tmp, path);
}

ProgressFn stderr_progress(const std::string& what) {
    auto last = std::make_shared<double>(0);
    return [what, last](const Progress& p) {
        if (p.seconds < 1.0 || p.seconds - *last < 1.0)
            return;
        *last = p.seconds;
        if (p.states == 0) { // a symbolic engine: only the depth reached means anything
            std::fprintf(stderr, "atscheck: %s: depth %d, %.1f s\n", what.c_str(), p.depth,
                         p.seconds);
            return;
        }
        std::fprintf(stderr, "atscheck: %s: %llu states, %llu transitions, depth %d, %.1f s\n",
                     what.c_str(), static_cast<unsigned long long>(p.states),
                     static_cast<unsigned long long>(p.transitions), p.depth, p.seconds);
    };
}

CheckResult run_engine(const System& sys, const CheckArgs& a,
                       const std::vector<PropertyId>& props) {
    const std::string what = sys.revision.name + " on " + sys.scenario.name;
    std::optional<double> timeout;
    if (a.timeout > 0)
        timeout = a.timeout;
    if (a.engine == "simulate") {
        SimulationOptions o{
            props, a.seed, a.runs, a.depth_given ? a.depth : 30, timeout, stderr_progress(what)};
        return check_simulation(sys, o);
    }
    if (a.engine == "auto") {
        PortfolioOptions o{props,       a.depth_given ? a.depth : 10, 2, timeout,
                           a.emit_smt2, stderr_progress(what)};
        return check_portfolio(sys, o);
    }
    if (a.engine == "pdr") {
        PdrOptions o{props, timeout, a.emit_smt2, stderr_progress(what)};
        o.lemmas = !a.no_lemmas;
        return check_pdr(sys, o);
    }
    if (a.engine == "kind") {
        KInductionOptions o{props, a.depth_given ? a.depth : 12, timeout, a.emit_smt2,
                            stderr_progress(what)};
        o.lemmas = !a.no_lemmas;
        return check_kinduction(sys, o);
    }
    if (a.engine == "bmc") {
        BmcOptions o{props, a.depth_given ? a.depth : 10, timeout, stderr_progress(what),
                     a.emit_smt2};
        return check_bmc(sys, o);
    }
    ExplicitOptions o{props, std::nullopt, timeout, stderr_progress(what)};
    if (a.depth_given)
        o.max_depth = a.depth;
    return check_explicit(sys, o);
}

// Every counterexample is re-run on the concrete model before it is reported.
void recheck_counterexamples(const CheckedSystem& c) {
    for (const auto& r : c.result.properties) {
        if (r.verdict != Verdict::Violated)
            continue;
        const ReplayResult rr = replay_trace(c.system, *r.trace);
        const char* name = property_info(r.property).name;
        if (rr.mismatch)
            throw InternalError(
                std::string("the counterexample for ") + name + " does not replay at state " +
                std::to_string(rr.mismatch->state_index) + ": " + rr.mismatch->what);
        if (std::find(rr.violated.begin(), rr.violated.end(), r.property) == rr.violated.end())
            throw InternalError(std::string("the counterexample for ") + name +
                                " does not violate it on replay");
    }
}

// Creates the --out directory up front, so a bad path fails before any work.
void prepare_out_dir(const std::string& dir, const char* option) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        throw InputError(option, dir,
                         "cannot create the directory" + (ec ? ": " + ec.message() : ""));
}

// One SMT-LIB 2 file per obligation: <revision>.<scenario>.<property>.<obligation>.smt2.
void write_obligations(const CheckedSystem& c, const std::string& dir) {
    for (const auto& r : c.result.properties)
        for (const auto& ob : r.obligations)
            write_atomically(fs::path(dir) /
                                 (c.system.revision.name + "." + c.system.scenario.name + "." +
                                  property_info(r.property).name + "." + ob.name + ".smt2"),
                             ob.script);
}

void write_traces(CheckedSystem& c, const std::string& dir) {
    for (auto& r : c.result.properties) {
        if (r.verdict != Verdict::Violated)
            continue;
        const PropertyInfo& info = property_info(r.property);
        const fs::path path =
            fs::path(dir) /
            (c.system.revision.name + "." + c.system.scenario.name + "." + info.name + ".itf.json");
        TraceMeta meta{info.name, c.result.engine,
                       std::string(info.name) + " violated in " + std::to_string(r.depth) +
                           " steps; symptom: " + info.symptom};
        write_atomically(path, trace_to_itf(c.system, *r.trace, meta).dump(1) + "\n");
        r.trace_file = path.string();
    }
}

int cmd_check(CheckArgs& a) {
    a.emit_smt2 = !a.smt2_dir.empty();
    if (a.emit_smt2 && a.engine != "auto" && a.engine != "bmc" && a.engine != "kind" &&
        a.engine != "pdr")
        throw InputError("--emit-smt2", a.engine,
                         "only the symbolic engines (auto, bmc, kind, pdr) have SMT obligations");
    if (a.depth_given && a.depth < 0)
        throw InputError("--depth", std::to_string(a.depth), "the depth bound must be >= 0");
    if (a.depth_given && a.depth > 100000)
        throw InputError("--depth", std::to_string(a.depth), "absurd depth bound (at most 100000)");
    if (a.runs < 1 || a.runs > 100000000)
        throw InputError("--runs", std::to_string(a.runs), "must be between 1 and 100000000");
    if (a.timeout < 0)
        throw InputError("--timeout", std::to_string(a.timeout), "must be >= 0");
    const auto props = selected_properties(a.properties);
    std::vector<std::string> revisions = a.revisions;
    if (revisions.size() == 1 && revisions[0] == "all")
        revisions = shipped_names("revisions");
    // Load every input before running anything, so bad input writes nothing.
    const Scenario scenario = load_scenario(a.scenario);
    std::vector<CheckedSystem> checks;
    for (const auto& r : revisions)
        checks.push_back({System{load_revision(r), scenario}, {}});
    if (!a.out_dir.empty())
        prepare_out_dir(a.out_dir, "--out");
    if (!a.smt2_dir.empty())
        prepare_out_dir(a.smt2_dir, "--emit-smt2");
    for (auto& c : checks) {
        c.result = run_engine(c.system, a, props);
        recheck_counterexamples(c);
        if (!a.out_dir.empty())
            write_traces(c, a.out_dir);
        if (!a.smt2_dir.empty())
            write_obligations(c, a.smt2_dir);
    }
    if (a.format == "json") {
        if (checks.size() == 1) {
            std::cout << render_json(checks[0]).dump(2) << "\n";
        } else {
            nlohmann::json all = nlohmann::json::array();
            for (const auto& c : checks)
                all.push_back(render_json(c));
            std::cout << nlohmann::json{{"checks", all}}.dump(2) << "\n";
        }
    } else if (checks.size() == 1) {
        std::cout << render_text(checks[0], true);
    } else {
        std::cout << render_verdict_table(checks);
    }
    return exit_code_for(checks);
}

int cmd_replay(const std::string& file, const std::string& format) {
    ItfTrace t = trace_from_itf(file, read_json_file(file));
    const ReplayResult r = replay_trace(t.system, t.trace);
    if (r.mismatch)
        throw InputError(file, "$.states[" + std::to_string(r.mismatch->state_index) + "]",
                         "not a run of the model: " + r.mismatch->what);
    std::vector<std::string> violated;
    for (PropertyId id : r.violated)
        violated.push_back(property_info(id).name);
    const bool claims = !t.meta.property.empty();
    if (claims && std::find(violated.begin(), violated.end(), t.meta.property) == violated.end())
        throw InputError(file, "$.#meta.property",
                         "the trace replays but does not violate \"" + t.meta.property + "\"");
    if (format == "json") {
        std::cout << nlohmann::json{{"trace", file},
                                    {"revision", t.system.revision.name},
                                    {"scenario", t.system.scenario.name},
                                    {"steps", t.trace.steps.size()},
                                    {"replays", true},
                                    {"violated", violated}}
                         .dump(2)
                  << "\n";
    } else {
        std::cout << file << ": replays on revision " << t.system.revision.name << ", scenario "
                  << t.system.scenario.name << " (" << t.trace.steps.size() << " steps)\n";
        std::cout << render_story(t.system, t.trace);
        std::cout << (violated.empty() ? "violates no property" : "violates:");
        for (const auto& v : violated)
            std::cout << " " << v;
        std::cout << "\n";
    }
    return violated.empty() ? 0 : 1;
}

int cmd_list() {
    std::cout << "Revisions (" << examples_dir() << "/revisions):\n";
    for (const auto& name : shipped_names("revisions")) {
        const Revision r = load_revision(name);
        std::cout << "  " << name << ": " << r.description << "\n";
    }
    std::cout << "\nScenarios (" << examples_dir() << "/scenarios; fleet-N sets N PF/VF pairs):\n";
    for (const auto& name : shipped_names("scenarios")) {
        const Scenario s = load_scenario(name);
        std::cout << "  " << name << ": " << s.description << "\n";
    }
    std::cout << "\nProperties:\n";
    for (const auto& p : all_properties())
        std::cout << "  " << p.name << ": " << p.meaning << "\n      symptom: " << p.symptom
                  << "\n";
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{std::string("atscheck ") + kToolVersion +
                 ": a model checker for the two-phase ATS commit of the Arm SMMUv3 driver and "
                 "the PCI ATS core"};
    app.footer(kExitCodes);
    app.set_version_flag("--version", std::string("atscheck ") + kToolVersion);
    app.require_subcommand(1);

    CheckArgs ca;
    auto* check = app.add_subcommand("check", "check properties of revisions on a scenario");
    check
        ->add_option("--revision,-r", ca.revisions,
                     "revision name (see `list`), a revision JSON file, or `all`; repeat to "
                     "check several (prints one verdict table)")
        ->required();
    check
        ->add_option("--scenario,-s", ca.scenario,
                     "scenario name, fleet-N, or a scenario JSON file")
        ->required();
    check->add_option("--property,-p", ca.properties,
                      "property to check (repeatable; default: all)");
    check
        ->add_option("--engine,-e", ca.engine,
                     "auto: BMC for counterexamples and k-induction/PDR for proofs, on two "
                     "threads; explicit: exhaustive breadth-first search (shortest "
                     "counterexamples; proved when it exhausts the state space); bmc: bounded "
                     "model checking on Z3 up to --depth; kind: k-induction with Houdini lemmas, "
                     "k up to --depth; pdr: IC3/PDR through Z3's Spacer; simulate: seeded random "
                     "walks")
        ->check(CLI::IsMember({"auto", "explicit", "bmc", "kind", "pdr", "simulate"}))
        ->capture_default_str();
    check->add_option("--depth,-k", ca.depth,
                      "explore at most K steps (auto and bmc: BMC depth, default 10; explicit: "
                      "default unbounded; kind: largest k, default 12; simulate: walk length, "
                      "default 30)");
    check->add_option("--out,-o", ca.out_dir, "write each counterexample as ITF JSON into DIR");
    check->add_flag("--no-lemmas", ca.no_lemmas,
                    "kind and pdr: prove without Houdini's lemmas (properties/lemmas.hpp), to see "
                    "what the engine finds alone");
    check->add_option("--emit-smt2", ca.smt2_dir,
                      "write each result's SMT-LIB 2 obligations into DIR (a proof's initiation, "
                      "consecution and safety, or its k-induction base and step, each unsat; a "
                      "counterexample's BMC query, sat) for re-checking with another solver");
    check->add_option("--format,-f", ca.format, "output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    check->add_option("--seed", ca.seed, "random seed (simulate)")->capture_default_str();
    check->add_option("--runs", ca.runs, "number of random walks (simulate)")
        ->capture_default_str();
    check->add_option("--timeout", ca.timeout,
                      "stop after SECONDS; unfinished properties become unknown (0 = none)");
    check->footer(kExitCodes);

    std::string trace_file, replay_format = "text";
    auto* replay = app.add_subcommand(
        "replay", "re-check every step of an ITF trace against the model and name the property "
                  "it violates");
    replay->add_option("TRACE", trace_file, "a trace written by `check --out`")->required();
    replay->add_option("--format,-f", replay_format, "output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    replay->footer(kExitCodes);

    auto* list = app.add_subcommand("list", "list the shipped revisions, scenarios and properties");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "atscheck: " << e.what() << " (see atscheck --help)\n";
        return 2;
    }
    ca.depth_given = check->count("--depth") > 0;

    try {
        if (*check)
            return cmd_check(ca);
        if (*replay)
            return cmd_replay(trace_file, replay_format);
        if (*list)
            return cmd_list();
    } catch (const InputError& e) {
        std::cerr << "atscheck: " << e.what() << "\n";
        return 2;
    } catch (const fs::filesystem_error& e) {
        std::cerr << "atscheck: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "atscheck: internal error: " << e.what() << "\n";
        return 4;
    }
    return 2;
}
