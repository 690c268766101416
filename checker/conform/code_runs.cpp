#include "checker/conform/code_runs.hpp"

#include <algorithm>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "checker/conform/stub_build.hpp"
#include "checker/input/input_error.hpp"

namespace atscheck {

namespace {

// A harness run takes seconds; a tree whose code loops is stopped.
constexpr int kScriptRunSeconds = 120;

std::string harness_header(const System& sys) {
    std::string out = "system " + std::to_string(sys.scenario.devices.front().stu) + " " +
                      std::to_string(sys.num_devices()) + " " + std::to_string(sys.num_domains()) +
                      " " + std::to_string(sys.scenario.third_party_stu) + "\n";
    for (int d = 0; d < sys.num_devices(); ++d)
        out += "device " + std::to_string(d) + " " +
               std::to_string(sys.scenario.devices[d].pf.value_or(-1)) + " " +
               std::to_string(int{sys.scenario.devices[d].pasid}) + "\n";
    for (int D = 0; D < sys.num_domains(); ++D)
        out += "domain " + std::to_string(D) + " " + to_string(sys.scenario.domains[D].kind) + "\n";
    return out;
}

// Reads one harness run's output into `out`; `order` names its scripts.
void read_runs(const std::string& output, const std::vector<const std::string*>& order,
               std::map<std::string, CodeRun>& out, const std::string& shown_as) {
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream in(line);
        size_t script = 0;
        std::string step, alt;
        in >> script >> step >> alt;
        if (!in || script >= order.size())
            throw InputError(shown_as, "", "the harness printed an unreadable line: " + line);
        CodeRun& run = out[*order[script]];
        std::string rest;
        std::getline(in, rest);
        if (rest.rfind(" crash ", 0) == 0) {
            run.crash[alt] = "died of signal " + rest.substr(7);
            continue;
        }
        const CodeState c = parse_code_state(nlohmann::json::parse(rest));
        if (alt == "-")
            run.steps.push_back(c);
        else
            run.after[alt] = c;
    }
}

// Runs every script on the code, in as many harness processes as there are
// cores: each script is a child process of its own, so they are independent.
} // namespace

std::map<std::string, CodeRun>
run_scripts(const SmmuSlice& slice, const System& sys,
            const std::map<std::string, std::set<std::string>>& scripts,
            const std::string& shown_as, Dumps dumps) {
    const size_t workers = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    std::vector<std::string> inputs(workers, harness_header(sys));
    std::vector<std::vector<const std::string*>> orders(workers);
    size_t k = 0;
    for (const auto& [prefix, alternatives] : scripts) {
        std::string& input = inputs[k % workers];
        input += (dumps == Dumps::Alternatives ? "expand " : "script ") + prefix + " |";
        for (const auto& a : alternatives)
            input += " " + a;
        input += "\n";
        orders[k++ % workers].push_back(&prefix);
    }
    std::vector<std::string> outputs(workers);
    std::vector<std::exception_ptr> errors(workers);
    std::vector<std::thread> threads;
    for (size_t w = 0; w < workers; ++w)
        threads.emplace_back([&, w] {
            try {
                outputs[w] = run_harness(slice.exe, inputs[w], kScriptRunSeconds, shown_as,
                                         "run" + std::to_string(w));
            } catch (...) {
                errors[w] = std::current_exception();
            }
        });
    for (auto& t : threads)
        t.join();
    std::map<std::string, CodeRun> out;
    for (size_t w = 0; w < workers; ++w) {
        if (errors[w])
            std::rethrow_exception(errors[w]);
        read_runs(outputs[w], orders[w], out, shown_as);
    }
    return out;
}

std::string script_word(const ActionInstance& a, const std::vector<Pick>& picks) {
    const bool fails = !picks.empty() && picks.front().value; // enable_fails
    switch (a.kind) {
    case ActionKind::Probe:
        return "probe:" + std::to_string(a.device);
    case ActionKind::AttachPrepare:
        return "prepare:" + std::to_string(a.device) + ":" + std::to_string(a.domain);
    case ActionKind::AttachCommit:
        return (fails ? "commit!:" : "commit:") + std::to_string(a.device);
    case ActionKind::Release:
        return "release:" + std::to_string(a.device);
    case ActionKind::ThirdPartyEnable:
        return "third_party:" + std::to_string(a.device);
    case ActionKind::QuirkClearAtsCap:
        return "quirk:" + std::to_string(a.device);
    case ActionKind::PasidAttach:
        return "pasid:" + std::to_string(a.device) + ":" + std::to_string(a.domain);
    case ActionKind::PasidDetach:
        return "pasid_detach:" + std::to_string(a.device);
    default:
        throw std::logic_error(std::string("the lockstep cannot drive ") + action_name(a.kind));
    }
}

std::string script_path(const ConcreteState& initial, const std::vector<std::string>& words) {
    std::string line;
    for (const auto& p : initial.pdev)
        line += std::to_string(p.ats_cap) + " " + std::to_string(p.untrusted) + " " +
                std::to_string(p.ats_stu) + " " + std::to_string(p.ats_enabled) + " ";
    line += ":";
    for (const auto& w : words)
        line += " " + w;
    return line;
}

} // namespace atscheck
