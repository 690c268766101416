#include "checker/engines/property_program.hpp"

#include <map>
#include <tuple>

#include "properties/expr_eval.hpp"

namespace atscheck {

namespace {

using Op = PropertyProgram::Op;

// The one definition of the operators' arithmetic: folding constants at
// compile time and running the program both use it.
int32_t apply(Op op, int32_t a, int32_t b) {
    switch (op) {
    case Op::Add:
        return a + b;
    case Op::Sub:
        return a - b;
    case Op::Eq:
        return a == b;
    case Op::Ne:
        return a != b;
    case Op::Lt:
        return a < b;
    case Op::Le:
        return a <= b;
    case Op::Gt:
        return a > b;
    default:
        return a >= b;
    }
}

// A term over the byte state's fields, hash-consed, with what is known folded.
enum class Kind { Const, Load, Not, And, Or, Ite, Binary };

struct Node {
    Kind kind;
    Op op = Op::Push; // Binary
    int a = -1, b = -1, c = -1;
    int value = 0; // Const: the value; Load: the offset
};

class Terms {
  public:
    const Node& at(int id) const { return nodes_[static_cast<size_t>(id)]; }
    int constant(int v) { return intern({Kind::Const, Op::Push, -1, -1, -1, v}); }
    int load(int offset) { return intern({Kind::Load, Op::Push, -1, -1, -1, offset}); }

    int negation(int a) {
        if (is_const(a))
            return constant(!at(a).value);
        if (at(a).kind == Kind::Not)
            return at(a).a;
        return intern({Kind::Not, Op::Push, a});
    }

    // a && b (`all`) or a || b: a known operand decides or drops out.
    int junction(bool all, int a, int b) {
        for (const auto& [known, other] : {std::pair{a, b}, std::pair{b, a}})
            if (is_const(known))
                return (at(known).value != 0) == all ? other : constant(!all);
        return a == b ? a : intern({all ? Kind::And : Kind::Or, Op::Push, a, b});
    }

    int ite(int c, int a, int b) {
        if (is_const(c))
            return at(c).value ? a : b;
        return a == b ? a : intern({Kind::Ite, Op::Push, c, a, b});
    }

    int binary(Op op, int a, int b) {
        if (is_const(a) && is_const(b))
            return constant(apply(op, at(a).value, at(b).value));
        if ((op == Op::Add || op == Op::Sub) && is_const(b) && at(b).value == 0)
            return a;
        if (op == Op::Add && is_const(a) && at(a).value == 0)
            return b;
        if (a == b && op != Op::Add && op != Op::Sub) // x op x
            return constant(op == Op::Eq || op == Op::Le || op == Op::Ge);
        return intern({Kind::Binary, op, a, b});
    }

  private:
    std::vector<Node> nodes_;
    std::map<std::tuple<Kind, Op, int, int, int, int>, int> known_;

    bool is_const(int id) const { return at(id).kind == Kind::Const; }

    int intern(const Node& n) {
        const auto key = std::tuple{n.kind, n.op, n.a, n.b, n.c, n.value};
        const auto [it, added] = known_.emplace(key, static_cast<int>(nodes_.size()));
        if (added)
            nodes_.push_back(n);
        return it->second;
    }
};

// The tracing context's value, Bool and Int alike (as z3::expr is).
struct Term {
    Terms* t = nullptr;
    int id = -1;
};

Term operator!(Term a) {
    return {a.t, a.t->negation(a.id)};
}
Term operator&&(Term a, Term b) {
    return {a.t, a.t->junction(true, a.id, b.id)};
}
Term operator||(Term a, Term b) {
    return {a.t, a.t->junction(false, a.id, b.id)};
}
Term binary(Op op, Term a, Term b) {
    return {a.t, a.t->binary(op, a.id, b.id)};
}
Term operator+(Term a, Term b) {
    return binary(Op::Add, a, b);
}
Term operator-(Term a, Term b) {
    return binary(Op::Sub, a, b);
}
Term operator==(Term a, Term b) {
    return binary(Op::Eq, a, b);
}
Term operator!=(Term a, Term b) {
    return binary(Op::Ne, a, b);
}
Term operator<(Term a, Term b) {
    return binary(Op::Lt, a, b);
}
Term operator<=(Term a, Term b) {
    return binary(Op::Le, a, b);
}
Term operator>(Term a, Term b) {
    return binary(Op::Gt, a, b);
}
Term operator>=(Term a, Term b) {
    return binary(Op::Ge, a, b);
}

struct Traced {
    using Bool = Term;
    using Int = Term;
};

// The execution context the evaluator and the model's rules run in once: each
// field of the state is the load of its byte, in pack_state's order.
struct TraceContext {
    using Bool = Term;
    using Int = Term;

    Terms& t;
    State<Traced> s;

    TraceContext(Terms& terms, const System& sys)
        : t(terms), s(shaped_state<Traced>(sys.num_devices(), sys.num_domains(), num(0), num(0))) {
        int offset = 0;
        zip_fields([&](Term& v) { v = {&t, t.load(offset++)}; }, s);
    }
    Bool lit(bool b) { return num(b); }
    Int num(int v) { return {&t, t.constant(v)}; }
    Int ite(Bool c, Int a, Int b) { return {&t, t.ite(c.id, a.id, b.id)}; }
};

// Lays a term out as code: a tree again (shared terms are emitted where each
// is used, as the tree walk evaluates them), with jumps for the short circuit.
class Emitter {
  public:
    Emitter(const Terms& t, std::vector<PropertyProgram::Instr>& code) : t_(t), code_(code) {}

    void emit(int id) {
        const Node& n = t_.at(id);
        switch (n.kind) {
        case Kind::Const:
            put(Op::Push, n.value, +1);
            break;
        case Kind::Load:
            put(Op::Load, n.value, +1);
            break;
        case Kind::Not:
            emit(n.a);
            put(Op::Not, 0, 0);
            break;
        case Kind::And:
        case Kind::Or:
            chain(n.kind, id);
            break;
        case Kind::Ite:
            ite(n);
            break;
        case Kind::Binary:
            emit(n.a);
            emit(n.b);
            put(n.op, 0, -1);
            break;
        }
    }

    int most() const { return most_; }

  private:
    const Terms& t_;
    std::vector<PropertyProgram::Instr>& code_;
    int depth_ = 0, most_ = 0;

    size_t put(Op op, int32_t arg, int change) {
        code_.push_back({op, arg});
        depth_ += change;
        most_ = std::max(most_, depth_);
        return code_.size() - 1;
    }
    void land(size_t jump) { code_[jump].arg = static_cast<int32_t>(code_.size()); }

    // a && b && c: each operand but the last leaves the chain with its value
    // when that value decides it.
    void chain(Kind kind, int id) {
        std::vector<int> operands;
        flatten(kind, id, operands);
        std::vector<size_t> exits;
        for (size_t i = 0; i + 1 < operands.size(); ++i) {
            emit(operands[i]);
            exits.push_back(put(kind == Kind::And ? Op::JumpIfFalse : Op::JumpIfTrue, 0, -1));
        }
        emit(operands.back());
        for (size_t e : exits)
            land(e);
    }

    void flatten(Kind kind, int id, std::vector<int>& out) const {
        const Node& n = t_.at(id);
        if (n.kind != kind) {
            out.push_back(id);
            return;
        }
        flatten(kind, n.a, out);
        flatten(kind, n.b, out);
    }

    void ite(const Node& n) {
        emit(n.a);
        const size_t to_else = put(Op::PopJumpIfFalse, 0, -1);
        emit(n.b);
        const size_t to_end = put(Op::Jump, 0, -1); // the else branch starts one lower
        land(to_else);
        emit(n.c);
        land(to_end);
    }
};

} // namespace

PropertyProgram::PropertyProgram(const System& sys, const Expr& e) {
    Terms terms;
    TraceContext x(terms, sys);
    const Term root = expr_holds(x, sys, e);
    Emitter out(terms, code_);
    out.emit(root.id);
    stack_ = out.most();
}

bool PropertyProgram::holds(const int8_t* state) const {
    int32_t small[64];
    std::vector<int32_t> large;
    int32_t* st = small;
    if (stack_ > 64) {
        large.resize(static_cast<size_t>(stack_));
        st = large.data();
    }
    int sp = 0;
    size_t pc = 0;
    const size_t n = code_.size();
    while (pc < n) {
        const Instr in = code_[pc++];
        switch (in.op) {
        case Op::Push:
            st[sp++] = in.arg;
            break;
        case Op::Load:
            st[sp++] = state[in.arg];
            break;
        case Op::Not:
            st[sp - 1] = !st[sp - 1];
            break;
        case Op::JumpIfFalse:
        case Op::JumpIfTrue:
            if ((st[sp - 1] != 0) == (in.op == Op::JumpIfTrue))
                pc = static_cast<size_t>(in.arg);
            else
                --sp;
            break;
        case Op::PopJumpIfFalse:
            if (st[--sp] == 0)
                pc = static_cast<size_t>(in.arg);
            break;
        case Op::Jump:
            pc = static_cast<size_t>(in.arg);
            break;
        default:
            st[sp - 2] = apply(in.op, st[sp - 2], st[sp - 1]);
            --sp;
        }
    }
    return st[0] != 0;
}

} // namespace atscheck
