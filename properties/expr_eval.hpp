// Evaluates a parsed invariant (properties/expr.hpp) in an execution context
// X of the generic model: x.s is the state, and x.lit, x.num, x.ite build
// values, so the same tree gives a bool in the concrete interpreter, a
// z3::expr in the symbolic one, and the explicit engine's compiled program in
// a tracing one (checker/engines/property_program.cpp). Quantifiers expand over the scenario's devices
// and domains, which are known before the state is: a bound variable is a
// plain int, and so is every index into pdev, master and domain.
#pragma once

#include <tuple>
#include <utility>
#include <vector>

#include "model/pci_ats.hpp"
#include "properties/expr.hpp"

namespace atscheck {

namespace expr_detail {

// Calls f(field) for row `k` of a record's members().
template <class R, class F> void with_field(R& rec, int k, F&& f) {
    using T = std::remove_const_t<R>;
    constexpr size_t n = std::tuple_size_v<decltype(T::members())>;
    [&]<size_t... K>(std::index_sequence<K...>) {
        ((K == static_cast<size_t>(k) ? (f(rec.*std::get<K>(T::members())), 0) : 0), ...);
    }
    (std::make_index_sequence<n>{});
}

// Calls f(field) for master d's entry of row `k` of a domain's device_members().
template <class R, class F> void with_entry(R& rec, int k, int d, F&& f) {
    using T = std::remove_const_t<R>;
    constexpr size_t n = std::tuple_size_v<decltype(T::device_members())>;
    [&]<size_t... K>(std::index_sequence<K...>) {
        ((K == static_cast<size_t>(k) ? (f((rec.*std::get<K>(T::device_members()))[d]), 0) : 0),
         ...);
    }
    (std::make_index_sequence<n>{});
}

// Whether domain `dom` is in a set of domains.
inline bool in_set(const Domain& dom, ExprSet set) {
    switch (set) {
    case ExprSet::Domains:
        return true;
    case ExprSet::Paging:
        return dom.kind == DomainKind::Paging;
    case ExprSet::Identity:
        return dom.kind == DomainKind::Identity;
    case ExprSet::Blocked:
        return dom.kind == DomainKind::Blocked;
    case ExprSet::Sva:
        return dom.kind == DomainKind::Sva;
    case ExprSet::S2Parent:
        return dom.kind == DomainKind::S2Parent;
    case ExprSet::Nested:
        return dom.kind == DomainKind::Nested;
    case ExprSet::Tracked:
        return dom.tracked();
    default: // device sets
        return false;
    }
}

// Calls f(i) for each device or domain of the set in this system.
template <class F> void for_each_member(const System& sys, ExprSet set, F&& f) {
    const auto& sc = sys.scenario;
    const bool devices = set == ExprSet::Devices || set == ExprSet::Pfs || set == ExprSet::Vfs;
    if (devices) {
        for (int i = 0; i < sys.num_devices(); ++i) {
            const bool vf = sc.devices[static_cast<size_t>(i)].is_vf();
            if (set == ExprSet::Devices || (set == ExprSet::Vfs) == vf)
                f(i);
        }
        return;
    }
    for (int D = 0; D < sys.num_domains(); ++D)
        if (in_set(sc.domains[static_cast<size_t>(D)], set))
            f(D);
}

template <class X> class Evaluator {
  public:
    using Bool = typename X::Bool;
    using Int = typename X::Int;

    Evaluator(X& x, const System& sys, const Expr& e)
        : x_(x), sys_(sys), e_(e), env_(static_cast<size_t>(e.slots), 0) {}

    Bool boolean(int i) {
        const ExprNode& n = node(i);
        switch (n.op) {
        case ExprOp::Literal:
            return x_.lit(n.value != 0);
        case ExprOp::Quiescent: {
            auto q = x_.lit(true);
            for (const auto& m : x_.s.master)
                q = q && !m.prepared;
            return q;
        }
        case ExprOp::Supported: // the model's own rule, so it follows the revision
            return pci_ats_supported(x_, sys_, index(n.kids[0]));
        case ExprOp::Required:
            return pci_ats_required(x_, sys_, index(n.kids[0]));
        case ExprOp::DisableAts: // known before the state
            return x_.lit(
                sys_.scenario.domains[static_cast<size_t>(index(n.kids[0]))].disable_ats());
        case ExprOp::Field:
            return field<Bool>(n, x_.lit(false));
        case ExprOp::Not:
            return !boolean(n.kids[0]);
        case ExprOp::And:
            return boolean(n.kids[0]) && boolean(n.kids[1]);
        case ExprOp::Or:
            return boolean(n.kids[0]) || boolean(n.kids[1]);
        case ExprOp::Implies:
            return !boolean(n.kids[0]) || boolean(n.kids[1]);
        case ExprOp::Forall:
        case ExprOp::Exists:
            return quantified(n);
        default:
            return compare(n);
        }
    }

    Int integer(int i) {
        const ExprNode& n = node(i);
        switch (n.op) {
        case ExprOp::Literal:
            return x_.num(n.value);
        case ExprOp::None:
        case ExprOp::DomainConst:
        case ExprOp::Var:
        case ExprOp::Pf:
        case ExprOp::Parent:
            return x_.num(index(i));
        case ExprOp::Field:
            return field<Int>(n, x_.num(0));
        case ExprOp::Add:
            return integer(n.kids[0]) + integer(n.kids[1]);
        case ExprOp::Sub:
            return integer(n.kids[0]) - integer(n.kids[1]);
        case ExprOp::Sum:
        case ExprOp::Count:
            return total(n);
        default:
            return x_.num(0); // not an integer: the type checker rules it out
        }
    }

  private:
    X& x_;
    const System& sys_;
    const Expr& e_;
    std::vector<int> env_;

    const ExprNode& node(int i) const { return e_.nodes[static_cast<size_t>(i)]; }

    // A device or domain known before the state: a variable, pf(), a constant.
    int index(int i) const {
        const ExprNode& n = node(i);
        switch (n.op) {
        case ExprOp::Var:
            return env_[static_cast<size_t>(n.slot)];
        case ExprOp::Pf: {
            const int d = index(n.kids[0]);
            const auto& pf = sys_.scenario.devices[static_cast<size_t>(d)].pf;
            return pf ? *pf : d;
        }
        case ExprOp::Parent: {
            const int D = index(n.kids[0]);
            return D == kNoDomain ? D : sys_.scenario.counted_at(D);
        }
        case ExprOp::DomainConst:
            for (int D = 0; D < sys_.num_domains(); ++D)
                if (sys_.scenario.domains[static_cast<size_t>(D)].name == n.name)
                    return D;
            return kNoDomain; // check_domain_constants rules it out
        default:
            return kNoDomain; // None
        }
    }

    template <class V> V field(const ExprNode& n, V out) {
        const auto& s = x_.s;
        const auto take = [&](const auto& v) { out = v; };
        switch (n.scope) {
        case FieldScope::Pdev:
            expr_detail::with_field(s.pdev[index(n.kids[0])], n.field, take);
            break;
        case FieldScope::Master:
            expr_detail::with_field(s.master[index(n.kids[0])], n.field, take);
            break;
        case FieldScope::Domain:
            expr_detail::with_field(s.domain[index(n.kids[0])], n.field, take);
            break;
        case FieldScope::DomainDevice:
            expr_detail::with_entry(s.domain[index(n.kids[0])], n.field, index(n.kids[1]), take);
            break;
        case FieldScope::Flag:
            expr_detail::with_field(s.flags, n.field, take);
            break;
        }
        return out;
    }

    Bool compare(const ExprNode& n) {
        const ExprType t = node(n.kids[0]).type;
        if (t == ExprType::Device) // both sides known before the state
            return x_.lit((index(n.kids[0]) == index(n.kids[1])) == (n.op == ExprOp::Eq));
        if (t == ExprType::Bool || t == ExprType::Phase) {
            // A phase is a Boolean of the state (prepared); its constants are literals.
            const Bool a = boolean(n.kids[0]), b = boolean(n.kids[1]);
            return n.op == ExprOp::Eq ? Bool(a == b) : Bool(a != b);
        }
        const Int a = integer(n.kids[0]), b = integer(n.kids[1]);
        switch (n.op) {
        case ExprOp::Eq:
            return a == b;
        case ExprOp::Ne:
            return a != b;
        case ExprOp::Lt:
            return a < b;
        case ExprOp::Le:
            return a <= b;
        case ExprOp::Gt:
            return a > b;
        default:
            return a >= b;
        }
    }

    Bool quantified(const ExprNode& n) {
        const bool all = n.op == ExprOp::Forall;
        auto out = x_.lit(all);
        for_each_member(sys_, n.set, [&](int v) {
            env_[static_cast<size_t>(n.slot)] = v;
            out = all ? Bool(out && boolean(n.kids[0])) : Bool(out || boolean(n.kids[0]));
        });
        return out;
    }

    Int total(const ExprNode& n) {
        auto out = x_.num(0);
        for_each_member(sys_, n.set, [&](int v) {
            env_[static_cast<size_t>(n.slot)] = v;
            if (n.op == ExprOp::Count)
                out = out + x_.ite(boolean(n.kids[0]), x_.num(1), x_.num(0));
            else if (n.kids.size() > 1)
                out = out + x_.ite(boolean(n.kids[1]), integer(n.kids[0]), x_.num(0));
            else
                out = out + integer(n.kids[0]);
        });
        return out;
    }
};

} // namespace expr_detail

// Whether the invariant holds in the state x.s.
template <class X> typename X::Bool expr_holds(X& x, const System& sys, const Expr& e) {
    return expr_detail::Evaluator<X>(x, sys, e).boolean(e.root);
}

} // namespace atscheck
