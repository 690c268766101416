// A property compiled, for one system, into a flat program over the explicit
// engine's byte state (state_codec.hpp). The explicit search checks every open
// property on every new state, and walking the expression tree there was a
// quarter of its time (rollback fleet-3 and fleet-4; docs/performance.md).
//
// The program is not a second reading of the property language. It is what
// the one evaluator (properties/expr_eval.hpp) and the model's own rules
// (pci_ats_supported and pci_ats_required) compute when run once in a tracing
// context whose values are terms over the byte state's fields: quantifiers
// unroll over the scenario's devices and domains, and what is known before
// the state (device and domain indices, pf(), parent()) folds to constants.
// And, Or and Implies keep their short circuit in the program, as in the tree
// walk. tests/test_property_program.cpp holds the two to the same answer on
// random states of every shipped scenario.
#pragma once

#include <cstdint>
#include <vector>

#include "model/system.hpp"
#include "properties/expr.hpp"

namespace atscheck {

class PropertyProgram {
  public:
    PropertyProgram(const System& sys, const Expr& e);

    // Whether the property holds in `state`, a byte state of the system
    // (pack_state's layout).
    bool holds(const int8_t* state) const;

    // The instructions, for a stack of 32-bit values.
    enum class Op : uint8_t {
        Push, // arg: a constant
        Load, // arg: a field's offset in the byte state
        Not,  // the top, negated
        // The top two replaced by their sum, difference or comparison (0 or 1):
        Add,
        Sub,
        Eq,
        Ne,
        Lt,
        Le,
        Gt,
        Ge,
        JumpIfFalse,    // to arg, keeping the top, when it is 0; else pops it
        JumpIfTrue,     // to arg, keeping the top, when it is not 0; else pops it
        PopJumpIfFalse, // pops the top, and jumps to arg when it was 0
        Jump,           // to arg
    };
    struct Instr {
        Op op;
        int32_t arg;
    };

  private:
    std::vector<Instr> code_;
    int stack_ = 0; // the most values the program holds at once
};

} // namespace atscheck
