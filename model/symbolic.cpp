#include "model/symbolic.hpp"

namespace atscheck {

SymbolicState symbolic_state_vars(z3::context& ctx, const System& sys, const std::string& prefix) {
    SymbolicState s = shaped_state<Symbolic>(sys.num_devices(), sys.num_domains(),
                                             ctx.bool_val(false), ctx.int_val(0));
    int i = 0;
    zip_fields(
        [&](z3::expr& v) {
            const std::string name = prefix + "f" + std::to_string(i++);
            v = v.is_bool() ? ctx.bool_const(name.c_str()) : ctx.int_const(name.c_str());
        },
        s);
    return s;
}

SymbolicStep symbolic_step(z3::context& ctx, const System& sys, const SymbolicState& pre,
                           const ActionInstance& a, const std::string& input_prefix) {
    SymbolicState post = pre;
    SymbolicContext x(ctx, post, input_prefix);
    z3::expr guard = action_enabled(x, sys, a);
    apply_action(x, sys, a);
    return {guard, post, x.inputs()};
}

std::array<bool, kBranches.size()> branch_sites(const System& sys) {
    std::array<bool, kBranches.size()> sites{};
    z3::context ctx;
    const SymbolicState pre = symbolic_state_vars(ctx, sys, "");
    for (const auto& a : action_instances(sys)) {
        SymbolicState post = pre;
        SymbolicContext x(ctx, post, "");
        x.record_sites(&sites);
        apply_action(x, sys, a);
    }
    return sites;
}

} // namespace atscheck
