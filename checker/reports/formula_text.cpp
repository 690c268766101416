#include "checker/reports/formula_text.hpp"

#include <map>

#include "checker/traces/state_fields.hpp"

namespace atscheck {

namespace {

class Printer {
  public:
    explicit Printer(const System& sys) : sys_(sys) {
        for (const auto& f : describe_fields(sys))
            kinds_[f.name] = f.kind;
    }

    std::string print(const z3::expr& e) const {
        if (e.is_true())
            return "true";
        if (e.is_false())
            return "false";
        if (e.is_numeral())
            return std::to_string(e.get_numeral_int64());
        if (e.is_const())
            return e.decl().name().str();
        if (!e.is_app())
            return e.to_string();
        const auto k = e.decl().decl_kind();
        switch (k) {
        case Z3_OP_NOT: {
            const z3::expr a = e.arg(0);
            if (a.is_app() && a.decl().decl_kind() == Z3_OP_EQ && a.num_args() == 2)
                return comparison(a.arg(0), "!=", a.arg(1));
            if (a.is_app() && a.decl().decl_kind() == Z3_OP_GE)
                return comparison(a.arg(0), "<", a.arg(1));
            if (a.is_app() && a.decl().decl_kind() == Z3_OP_LE)
                return comparison(a.arg(0), ">", a.arg(1));
            return "!" + atom(a);
        }
        case Z3_OP_AND:
            return join(e, " && ");
        case Z3_OP_OR:
            return join(e, " || ");
        case Z3_OP_IMPLIES:
            return atom(e.arg(0)) + " => " + atom(e.arg(1));
        case Z3_OP_ADD:
            return join(e, " + ");
        case Z3_OP_MUL:
            return join(e, " * ");
        case Z3_OP_SUB:
            return join(e, " - ");
        case Z3_OP_UMINUS:
            return "-" + atom(e.arg(0));
        case Z3_OP_ITE:
            return "(" + print(e.arg(0)) + " ? " + print(e.arg(1)) + " : " + print(e.arg(2)) + ")";
        case Z3_OP_EQ:
            return e.num_args() == 2 ? comparison(e.arg(0), "==", e.arg(1)) : e.to_string();
        case Z3_OP_LE:
            return comparison(e.arg(0), "<=", e.arg(1));
        case Z3_OP_GE:
            return comparison(e.arg(0), ">=", e.arg(1));
        case Z3_OP_LT:
            return comparison(e.arg(0), "<", e.arg(1));
        case Z3_OP_GT:
            return comparison(e.arg(0), ">", e.arg(1));
        default:
            return e.to_string();
        }
    }

  private:
    std::string atom(const z3::expr& e) const {
        const std::string s = print(e);
        const bool simple =
            e.is_const() || e.is_numeral() || (e.is_app() && e.decl().decl_kind() == Z3_OP_NOT);
        return simple ? s : "(" + s + ")";
    }
    std::string join(const z3::expr& e, const char* op) const {
        std::string out;
        for (unsigned i = 0; i < e.num_args(); ++i)
            out += (i ? op : "") + atom(e.arg(i));
        return out;
    }
    // A domain reference compared with a number reads as the domain's name.
    std::string comparison(const z3::expr& a, const char* op, const z3::expr& b) const {
        if (a.is_const() && b.is_numeral() && is_domain_ref(a)) {
            const int v = static_cast<int>(b.get_numeral_int64());
            if (v >= kNoDomain && v < sys_.num_domains())
                return print(a) + " " + op + " " + format_value(sys_, FieldKind::DomainRef, v);
        }
        return atom(a) + " " + op + " " + atom(b);
    }
    bool is_domain_ref(const z3::expr& c) const {
        auto it = kinds_.find(c.decl().name().str());
        return it != kinds_.end() && it->second == FieldKind::DomainRef;
    }

    const System& sys_;
    std::map<std::string, FieldKind> kinds_;
};

} // namespace

std::string formula_text(const System& sys, const z3::expr& e) {
    const Printer p(sys);
    if (!(e.is_app() && e.decl().decl_kind() == Z3_OP_AND))
        return p.print(e);
    std::string out;
    for (unsigned i = 0; i < e.num_args(); ++i)
        out += (i ? "\n" : "") + p.print(e.arg(i));
    return out;
}

} // namespace atscheck
