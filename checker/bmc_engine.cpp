#include "checker/bmc_engine.hpp"

#include <chrono>

#include "model/symbolic.hpp"

namespace atscheck {

namespace {

using Clock = std::chrono::steady_clock;

// The initial-state constraint: every field fixed as in initial_states(), except
// the scenario's "any" values, which stay free.
z3::expr initial_constraint(z3::context& ctx, const System& sys, const SymbolicState& s) {
    const auto inits = initial_states(sys);
    z3::expr all = ctx.bool_val(true);
    zip_fields(
        [&](const z3::expr& var, const auto&... values) {
            const int first = int(std::get<0>(std::forward_as_tuple(values...)));
            if (((int(values) == first) && ...))
                all =
                    all && (var == (var.is_bool() ? ctx.bool_val(first != 0) : ctx.int_val(first)));
        },
        s, inits.front(), inits.back());
    // front() and back() differ exactly in the fields the scenario leaves open:
    // initial_states() enumerates them from all-false to all-true.
    return all;
}

z3::expr states_equal(z3::context& ctx, const SymbolicState& a, const SymbolicState& b) {
    z3::expr all = ctx.bool_val(true);
    zip_fields([&](const z3::expr& x, const z3::expr& y) { all = all && x == y; }, a, b);
    return all;
}

// Reads state `s` from the model (with model completion).
ConcreteState read_state(const System& sys, const z3::model& m, const SymbolicState& s) {
    ConcreteState out = shaped_state<Concrete>(sys.num_devices(), sys.num_domains(), false, 0);
    zip_fields(
        [&](auto& value, const z3::expr& var) {
            const z3::expr v = m.eval(var, true);
            if (var.is_bool())
                value = v.is_true();
            else
                value = v.get_numeral_int();
        },
        out, s);
    return out;
}

struct Unrolling {
    z3::context& ctx;
    const System& sys;
    std::vector<ActionInstance> instances;
    std::vector<SymbolicState> states;         // S_0 .. S_k
    std::vector<z3::expr> selectors;           // sel_0 .. sel_{k-1}
    std::vector<std::vector<z3::expr>> inputs; // per step, per instance: its choice input
};

// Adds step k -> k+1: sel_k picks an enabled instance, S_{k+1} is its successor.
void add_step(Unrolling& u, z3::solver& solver) {
    const int k = static_cast<int>(u.selectors.size());
    const std::string tag = "k" + std::to_string(k) + ".";
    u.states.push_back(symbolic_state_vars(u.ctx, u.sys, "s" + std::to_string(k + 1) + "."));
    z3::expr sel = u.ctx.int_const(("sel." + tag).c_str());
    solver.add(sel >= 0 && sel < static_cast<int>(u.instances.size()));
    std::vector<z3::expr> step_inputs;
    for (size_t i = 0; i < u.instances.size(); ++i) {
        SymbolicStep st = symbolic_step(u.ctx, u.sys, u.states[k], u.instances[i],
                                        tag + "i" + std::to_string(i) + ".");
        // Each action calls pci_enable_ats at most once, so it has at most one
        // choice; the concrete run asks for it in the same place.
        if (st.inputs.size() > 1)
            throw std::logic_error("bmc: an action with more than one choice");
        step_inputs.push_back(st.inputs.empty() ? u.ctx.bool_val(false) : st.inputs[0].second);
        solver.add(z3::implies(sel == static_cast<int>(i),
                               st.guard && states_equal(u.ctx, u.states[k + 1], st.post)));
    }
    u.selectors.push_back(sel);
    u.inputs.push_back(step_inputs);
}

// Turns a model of the unrolling up to `depth` into a trace by running the
// concrete model with the solver's action selections and choices.
Trace extract_trace(Unrolling& u, const z3::model& m, int depth) {
    Trace t;
    t.initial = read_state(u.sys, m, u.states[0]);
    ConcreteState cur = t.initial;
    for (int k = 0; k < depth; ++k) {
        const int i = m.eval(u.selectors[k], true).get_numeral_int();
        const ActionInstance& a = u.instances[i];
        ChoiceScript script;
        script.values.push_back(m.eval(u.inputs[k][i], true).is_true());
        script.names.push_back(nullptr);
        ConcreteContext x(cur, &script);
        apply_action(x, u.sys, a);
        script.values.resize(script.next);
        script.names.resize(script.next);
        t.steps.push_back({a, picks_of(script), cur});
    }
    return t;
}

} // namespace

CheckResult check_bmc(const System& sys, const BmcOptions& opts) {
    const auto t0 = Clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };
    CheckResult result;
    result.engine = "bmc";
    for (PropertyId id : opts.properties)
        result.properties.push_back(PropertyResult{id});

    z3::context ctx;
    z3::solver solver(ctx);
    Unrolling u{ctx, sys, action_instances(sys), {}, {}, {}};
    u.states.push_back(symbolic_state_vars(ctx, sys, "s0."));
    solver.add(initial_constraint(ctx, sys, u.states[0]));

    std::string stop_reason;
    int depth = 0;
    size_t open = opts.properties.size();
    for (;; ++depth) {
        if (opts.timeout && elapsed() > *opts.timeout) {
            stop_reason = "time limit reached at depth " + std::to_string(depth);
            break;
        }
        if (opts.timeout)
            solver.set("timeout",
                       static_cast<unsigned>(std::max(1.0, (*opts.timeout - elapsed()) * 1000)));
        for (auto& r : result.properties) {
            if (r.verdict == Verdict::Violated)
                continue;
            SymbolicState& s = u.states[depth];
            SymbolicContext x(ctx, s, "");
            z3::expr bad = ctx.bool_const(
                ("bad." + std::to_string(depth) + "." + property_info(r.property).name).c_str());
            solver.add(bad == !property_holds(x, sys, r.property));
            z3::expr_vector assumptions(ctx);
            assumptions.push_back(bad);
            const z3::check_result cr = solver.check(assumptions);
            if (cr == z3::sat) {
                r.verdict = Verdict::Violated;
                r.depth = depth;
                r.trace = extract_trace(u, solver.get_model(), depth);
                --open;
            } else if (cr == z3::unknown) {
                r.reason = "solver returned unknown at depth " + std::to_string(depth) + ": " +
                           solver.reason_unknown();
            }
        }
        if (opts.progress)
            opts.progress({0, 0, depth, elapsed()});
        if (open == 0 || depth >= opts.max_depth)
            break;
        add_step(u, solver);
    }
    for (auto& r : result.properties)
        if (r.verdict != Verdict::Violated && r.reason.empty())
            r.reason = stop_reason.empty()
                           ? "no violation up to depth " + std::to_string(depth) + " (bounded)"
                           : stop_reason;
    result.stats.depth = depth;
    result.stats.seconds = elapsed();
    return result;
}

} // namespace atscheck
