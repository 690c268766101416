// The property language: one state invariant as an expression over the
// state's user-visible names (docs/properties.md has the grammar). An
// expression is parsed and type-checked once, against the state schema
// (model/state.hpp), into a flat tree that properties/expr_eval.hpp evaluates
// in any execution context of the generic model: a bool for simulation and
// replay, a z3::expr for BMC, k-induction and PDR, and a term of the program
// the explicit engine runs on its byte states (checker/engines/property_program.hpp).
#pragma once

#include <string>
#include <vector>

#include "model/state.hpp"

namespace atscheck {

enum class ExprType { Bool, Int, Device, Domain, Phase };

// The sets a quantifier ranges over.
enum class ExprSet {
    Devices,
    Pfs,
    Vfs,
    Domains,
    Paging,
    Identity,
    Blocked,
    Sva,
    S2Parent,
    Nested,
    Tracked, // the domains with their own counters: paging, s2_parent, sva
};

enum class ExprOp {
    Literal,     // value: an integer, a Boolean (0/1) or a phase (idle 0, prepared 1)
    None,        // the domain reference "none" (kNoDomain)
    DomainConst, // a domain of the scenario, by `name`
    Var,         // a bound variable: `slot`
    Pf,          // pf(kid0): a VF's PF (a device that is not a VF is its own)
    Parent,      // parent(kid0): a nested domain's s2_parent (another domain is its own)
    DisableAts,  // disable_ats(kid0): a nested domain whose vSTE turns ATS off
    Quiescent,   // no master between attach_prepare and attach_commit
    Supported,   // supported(kid0): pci_ats_supported() by the revision's rules
    Required,    // required(kid0): pci_ats_required()
    Field,       // `scope`/`field` of the state; kids: the device and/or domain index
    Not,
    And,
    Or,
    Implies,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Forall, // slot, set; kid0: body
    Exists,
    Sum,   // slot, set; kid0: body, kid1 (optional): where
    Count, // slot, set; kid0: condition
};

struct ExprNode {
    ExprOp op;
    ExprType type;
    int value = 0;
    int slot = -1;
    ExprSet set = ExprSet::Devices;
    FieldScope scope = FieldScope::Flag;
    int field = -1;        // row of the scope's table in the schema
    std::vector<int> kids; // indices into Expr::nodes
    std::string name;      // DomainConst
    int column = 0;        // 1-based, for messages
};

struct Expr {
    std::vector<ExprNode> nodes;
    int root = -1;
    int slots = 0;                     // bound variables (the evaluation's environment size)
    std::vector<int> domain_constants; // nodes naming a domain of the scenario
};

// A syntax or type error at a 1-based column of the expression.
struct ExprError {
    int column;
    std::string what;
};

// Parses and type-checks `text` as a Boolean state invariant; throws ExprError.
Expr parse_invariant(const std::string& text);

// The first domain constant the scenario lacks, as an ExprError (throws).
void check_domain_constants(const Expr& e, const System& sys);

const char* to_string(ExprType t);

} // namespace atscheck
