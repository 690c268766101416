#include "fuzz/targets.hpp"

#include <string>

#include "checker/conform/smmu_conform.hpp"
#include "checker/input/itf.hpp"
#include "checker/input/json_fields.hpp"
#include "checker/input/load.hpp"
#include "checker/sweeps/expectations.hpp"
#include "model/actions.hpp"
#include "model/concrete.hpp"
#include "model/symbolic.hpp"
#include "properties/expr_eval.hpp"
#include "properties/properties.hpp"

namespace atscheck::fuzz {

namespace {

constexpr const char* kFile = "fuzz-input.json";

// Runs `read` on the bytes as JSON text; an InputError is a correct rejection.
template <class Read> void accept_or_reject(const uint8_t* data, size_t size, Read&& read) {
    try {
        read(parse_json_text(kFile, std::string(reinterpret_cast<const char*>(data), size)));
    } catch (const InputError&) {
    }
}

// The model's step function on every action from the first initial state.
void step_once(const System& sys) {
    const auto inits = initial_states(sys);
    ConcreteState post = inits.front();
    for (const auto& a : action_instances(sys)) {
        ConcreteState pre = inits.front();
        ConcreteContext guard(pre);
        if (!action_enabled(guard, sys, a))
            continue;
        for_each_outcome(sys, inits.front(), a, post,
                         [](const ConcreteState&, const ChoiceScript&) {});
    }
}

} // namespace

void revision_reader(const uint8_t* data, size_t size) {
    accept_or_reject(data, size, [](const nlohmann::json& j) { revision_from_json(kFile, j); });
}

void scenario_reader(const uint8_t* data, size_t size) {
    accept_or_reject(data, size, [](const nlohmann::json& j) {
        const Scenario s = scenario_from_json(kFile, j);
        Revision r; // the defaults: the baseline's knobs
        r.name = "fuzz";
        step_once(System{r, s});
    });
}

void trace_reader(const uint8_t* data, size_t size) {
    accept_or_reject(data, size, [](const nlohmann::json& j) {
        const ItfTrace t = trace_from_itf(kFile, j);
        replay_trace(t.system, t.trace);
    });
}

void manifest_reader(const uint8_t* data, size_t size) {
    accept_or_reject(data, size, [](const nlohmann::json& j) { manifest_from_json(kFile, j); });
}

void properties_reader(const uint8_t* data, size_t size) {
    accept_or_reject(data, size, [](const nlohmann::json& j) { parse_properties(kFile, j); });
}

void expression_reader(const uint8_t* data, size_t size) {
    // A PF (capability open) with its VF, a paging and a blocked domain.
    static const System sys{Revision{.name = "fuzz"},
                            scenario_from_json(kFile, parse_json_text(kFile, R"({
        "name": "fuzz", "smmus": [{"name": "smmu0", "stu": 12}],
        "devices": [{"name": "pf", "ats_cap": "any"}, {"name": "vf", "pf": "pf", "ats_cap": true}],
        "domains": [{"name": "dma", "kind": "paging"}, {"name": "blocked", "kind": "blocked"}],
        "lock": "global", "faults": {"enable": "none"}})"))};
    try {
        const Expr e = parse_invariant(std::string(reinterpret_cast<const char*>(data), size));
        check_domain_constants(e, sys);
        for (ConcreteState s : initial_states(sys)) {
            ConcreteContext x(s);
            expr_holds(x, sys, e);
        }
        z3::context ctx;
        SymbolicState vars = symbolic_state_vars(ctx, sys, "");
        SymbolicContext x(ctx, vars, "");
        expr_holds(x, sys, e);
    } catch (const ExprError&) {
    }
}

void c_source_reader(const uint8_t* data, size_t size) {
    try {
        const auto tokens =
            tokenize_c(std::string(reinterpret_cast<const char*>(data), size), "fuzz-input.c");
        for (const KernelFunction* fn : kfn::kAll)
            if (const auto f = find_function(tokens, fn->name))
                fingerprint(tokens, *f);
        read_knobs(tokens);
    } catch (const InputError&) {
    }
}

} // namespace atscheck::fuzz
