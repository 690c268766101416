#include "checker/engines/symbolic_system.hpp"
#include "checker/internal_error.hpp"

#include <stdexcept>

namespace atscheck {

namespace {

// The value of `e` in `m`. An interrupted context evaluates to the term
// itself, and a trace read from that would be made up: that throws, as any
// other call on the context would.
z3::expr value_in(const z3::model& m, const z3::expr& e) {
    const z3::expr v = m.eval(e, true);
    if (!(v.is_true() || v.is_false() || v.is_numeral()))
        throw z3::exception("model evaluation did not give a value (interrupted)");
    return v;
}

} // namespace

SymbolicSystem::SymbolicSystem(z3::context& ctx, const System& sys)
    : ctx_(ctx), sys_(sys), instances_(action_instances(sys)), fields_(describe_fields(sys)) {}

SymbolicState SymbolicSystem::fresh_state(const std::string& prefix) const {
    SymbolicState s = shaped_state<Symbolic>(sys_.num_devices(), sys_.num_domains(),
                                             ctx_.bool_val(false), ctx_.int_val(0));
    size_t i = 0;
    zip_fields(
        [&](z3::expr& v) {
            const std::string name = prefix + fields_[i++].name;
            v = v.is_bool() ? ctx_.bool_const(name.c_str()) : ctx_.int_const(name.c_str());
        },
        s);
    return s;
}

z3::expr_vector SymbolicSystem::variables(const SymbolicState& s) const {
    z3::expr_vector out(ctx_);
    zip_fields([&](const z3::expr& v) { out.push_back(v); }, s);
    return out;
}

z3::expr SymbolicSystem::init(const SymbolicState& s) const {
    // initial_states() enumerates the scenario's open values from all-false to
    // all-true, so its first and last states differ in exactly those fields.
    const auto inits = initial_states(sys_);
    z3::expr all = ctx_.bool_val(true);
    zip_fields(
        [&](const z3::expr& var, const auto& first, const auto& last) {
            if (first == last)
                all = all &&
                      var == (var.is_bool() ? ctx_.bool_val(first != 0) : ctx_.int_val(int(first)));
        },
        s, inits.front(), inits.back());
    return all;
}

z3::expr SymbolicSystem::holds(const SymbolicState& s, PropertyId id) const {
    SymbolicState copy = s;
    SymbolicContext x(ctx_, copy, "");
    return property_holds(x, sys_, id);
}

z3::expr SymbolicSystem::equal(const SymbolicState& a, const SymbolicState& b) const {
    z3::expr all = ctx_.bool_val(true);
    zip_fields([&](const z3::expr& x, const z3::expr& y) { all = all && x == y; }, a, b);
    return all;
}

z3::expr SymbolicSystem::in_range(const SymbolicState& s) const {
    // Domain references are kNoDomain or an index; an STU is 0 (never
    // programmed) or the device's STU: pci_prepare_ats/pci_enable_ats store only
    // that value (model/pci_ats.hpp).
    z3::expr all = ctx_.bool_val(true);
    visit_fields(
        [&](const FieldRef& at, const z3::expr& v) {
            if (at.spec->kind == FieldKind::DomainRef)
                all = all && v >= kNoDomain && v < sys_.num_domains();
            else if (at.spec->kind == FieldKind::Stu)
                all = all && (v == 0 || v == sys_.scenario.devices[at.device].stu);
        },
        s);
    return all;
}

std::vector<SymbolicStep> SymbolicSystem::successors(const SymbolicState& pre,
                                                     const std::string& tag) const {
    std::vector<SymbolicStep> out;
    for (size_t i = 0; i < instances_.size(); ++i) {
        out.push_back(
            symbolic_step(ctx_, sys_, pre, instances_[i], tag + "i" + std::to_string(i) + "."));
        // Each action calls pci_enable_ats at most once, so it has at most one
        // choice; read_trace() asks the concrete model for it in the same place.
        if (out.back().inputs.size() > 1)
            throw InternalError("an action with more than one choice");
    }
    return out;
}

SymbolicState SymbolicSystem::next(const SymbolicState& pre, const std::string& tag,
                                   z3::expr& enabled, StepInputs* inputs) const {
    z3::expr sel = ctx_.int_const(("sel." + tag).c_str());
    enabled = sel >= 0 && sel < static_cast<int>(instances_.size());
    std::vector<z3::expr> choices;
    const auto steps = successors(pre, tag);
    for (size_t i = 0; i < steps.size(); ++i) {
        const auto& st = steps[i];
        choices.push_back(st.inputs.empty() ? ctx_.bool_val(false) : st.inputs[0].second);
        enabled = enabled && z3::implies(sel == static_cast<int>(i), st.guard);
    }
    // Frame conditions: each field keeps its pre-state value unless the
    // selected instance writes it. An instance touches one device's fields and
    // a few domain counters, so this is a short ite chain per field rather
    // than a full-state equality per instance.
    const z3::expr_vector pre_vars = variables(pre);
    std::vector<z3::expr_vector> step_vars;
    for (const auto& st : steps)
        step_vars.push_back(variables(st.post));
    SymbolicState post = pre;
    unsigned f = 0;
    zip_fields(
        [&](z3::expr& out) {
            z3::expr value = pre_vars[f];
            for (size_t i = steps.size(); i-- > 0;)
                if (!z3::eq(step_vars[i][f], pre_vars[f]))
                    value = z3::ite(sel == static_cast<int>(i), step_vars[i][f], value);
            out = value;
            ++f;
        },
        post);
    if (inputs)
        *inputs = StepInputs{sel, choices};
    return post;
}

z3::expr SymbolicSystem::transition(const SymbolicState& pre, const SymbolicState& post,
                                    const std::string& tag, StepInputs* inputs) const {
    z3::expr enabled = ctx_.bool_val(true);
    const SymbolicState value = next(pre, tag, enabled, inputs);
    return enabled && equal(post, value);
}

ConcreteState SymbolicSystem::read_state(const z3::model& m, const SymbolicState& s) const {
    ConcreteState out = shaped_state<Concrete>(sys_.num_devices(), sys_.num_domains(), false, 0);
    zip_fields(
        [&](auto& value, const z3::expr& var) {
            const z3::expr v = value_in(m, var);
            if (var.is_bool())
                value = v.is_true();
            else
                value = v.get_numeral_int();
        },
        out, s);
    return out;
}

Trace SymbolicSystem::read_trace(const z3::model& m, const std::vector<SymbolicState>& states,
                                 const std::vector<StepInputs>& steps) const {
    Trace t;
    t.initial = read_state(m, states.at(0));
    ConcreteState cur = t.initial;
    for (const StepInputs& in : steps) {
        const int i = value_in(m, in.selector).get_numeral_int();
        const ActionInstance& a = instances_.at(i);
        ChoiceScript script;
        script.values.push_back(value_in(m, in.choices.at(i)).is_true());
        script.names.push_back(nullptr);
        ConcreteContext x(cur, &script);
        apply_action(x, sys_, a);
        script.values.resize(script.next);
        script.names.resize(script.next);
        t.steps.push_back({a, picks_of(script), cur});
    }
    return t;
}

} // namespace atscheck
