#include "properties/decompose.hpp"

namespace atscheck {

namespace {

bool device_set(ExprSet s) {
    return s == ExprSet::Devices || s == ExprSet::Pfs || s == ExprSet::Vfs;
}

class Splitter {
  public:
    explicit Splitter(const Expr& e) : e_(e) {}

    std::string why_not() {
        return splits(e_.root) ? "" : "column " + std::to_string(at_) + ": " + why_;
    }

  private:
    const Expr& e_;
    std::string why_;
    int at_ = 0;

    const ExprNode& node(int i) const { return e_.nodes[static_cast<size_t>(i)]; }

    bool fail(int i, const char* why) {
        if (why_.empty()) {
            why_ = why;
            at_ = node(i).column;
        }
        return false;
    }

    // Reads no state: constants, bound variables, pf(), parent() and the like.
    bool state_free(int i) const {
        const ExprNode& n = node(i);
        if (n.op == ExprOp::Field || n.op == ExprOp::Quiescent || n.op == ExprOp::Supported ||
            n.op == ExprOp::Required)
            return false;
        for (int k : n.kids)
            if (!state_free(k))
                return false;
        return true;
    }

    // The device variable `slot`, or its PF: the same unit.
    bool in_unit(int i, int slot) const {
        const ExprNode& n = node(i);
        if (n.op == ExprOp::Var)
            return n.slot == slot;
        return n.op == ExprOp::Pf && in_unit(n.kids[0], slot);
    }

    // Reads only the state of device `slot`'s unit.
    bool local(int i, int slot) const {
        const ExprNode& n = node(i);
        switch (n.op) {
        case ExprOp::Quiescent:
            return false;
        case ExprOp::Var:
            return n.type != ExprType::Device || n.slot == slot;
        case ExprOp::Field:
            if (n.scope == FieldScope::Flag || n.scope == FieldScope::Domain)
                return false;
            for (int k : n.kids)
                if (node(k).type == ExprType::Device && !in_unit(k, slot))
                    return false;
            break;
        case ExprOp::Supported:
        case ExprOp::Required:
            return in_unit(n.kids[0], slot);
        case ExprOp::Pf:
            return in_unit(i, slot);
        case ExprOp::Forall:
        case ExprOp::Exists:
        case ExprOp::Sum:
        case ExprOp::Count:
            if (device_set(n.set))
                return false;
            break;
        default:
            break;
        }
        for (int k : n.kids)
            if (!local(k, slot))
                return false;
        return true;
    }

    // A sum over units: the whole system's value is the sum of the units'.
    bool additive(int i) const {
        const ExprNode& n = node(i);
        switch (n.op) {
        case ExprOp::Literal:
            return n.value == 0;
        case ExprOp::Field:
            return n.scope == FieldScope::Domain && n.type == ExprType::Int;
        case ExprOp::Add:
        case ExprOp::Sub:
            return additive(n.kids[0]) && additive(n.kids[1]);
        case ExprOp::Sum:
        case ExprOp::Count:
            for (int k : n.kids)
                if (!local(k, n.slot))
                    return false;
            return device_set(n.set);
        default:
            return false;
        }
    }

    // Holds in every unit's part whenever it holds in the whole system.
    bool kept_by_units(int i) const {
        const ExprNode& n = node(i);
        if (state_free(i) || n.op == ExprOp::Quiescent)
            return true;
        if (n.op == ExprOp::And)
            return kept_by_units(n.kids[0]) && kept_by_units(n.kids[1]);
        if (n.op == ExprOp::Forall)
            return device_set(n.set) ? local(n.kids[0], n.slot) : kept_by_units(n.kids[0]);
        return false;
    }

    bool splits(int i) {
        const ExprNode& n = node(i);
        if (state_free(i))
            return true;
        switch (n.op) {
        case ExprOp::Not:
            if (node(n.kids[0]).op == ExprOp::Field && node(n.kids[0]).scope == FieldScope::Flag)
                return true;
            return fail(i, "a negation splits unit by unit only on an event flag");
        case ExprOp::And:
            return splits(n.kids[0]) && splits(n.kids[1]);
        case ExprOp::Forall:
            if (!device_set(n.set))
                return splits(n.kids[0]);
            return local(n.kids[0], n.slot) ||
                   fail(i, "this quantifier's body reads beyond its device's PF/VF unit");
        case ExprOp::Implies:
            if (!kept_by_units(n.kids[0]))
                return fail(i, "the left of this -> is not kept by every unit's part (quiescent, "
                               "a forall over devices of their own unit's fields, and of those)");
            return splits(n.kids[1]);
        case ExprOp::Eq:
        case ExprOp::Le:
        case ExprOp::Ge:
        case ExprOp::Lt:
        case ExprOp::Gt:
            if (additive(n.kids[0]) && additive(n.kids[1]))
                return true;
            return fail(i, "this comparison is not between sums over units (a domain's "
                           "nr_ats_masters, a sum or count over devices of their own unit's "
                           "fields, 0)");
        default:
            return fail(i, "or, exists, != and the like do not split unit by unit");
        }
    }
};

} // namespace

std::string why_not_split(const Expr& e) {
    return Splitter(e).why_not();
}

} // namespace atscheck
