#include "checker/engines/cutoff.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>

#include "checker/engines/unit_layout.hpp"
#include "checker/engines/units.hpp"
#include "model/symbolic.hpp"

namespace atscheck {

namespace {

// Bit u - 1 for each other unit u (1 or 2) a term reads.
using Mask = unsigned;

// The term's text with its line breaks and indentation folded, cut at `width`.
std::string one_line(const std::string& text, size_t width) {
    std::string out;
    for (const char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)))
            out += c;
        else if (!out.empty() && out.back() != ' ')
            out += ' ';
    return out.size() <= width ? out : out.substr(0, width) + "...";
}

bool is_connective(const z3::expr& e) {
    switch (e.decl().decl_kind()) {
    case Z3_OP_AND:
    case Z3_OP_OR:
    case Z3_OP_NOT:
    case Z3_OP_IMPLIES:
    case Z3_OP_ITE:
        return true;
    default:
        return false;
    }
}

class ReadShape {
  public:
    explicit ReadShape(const System& three)
        : ts_(ctx_, three), layout_(unit_layout(ts_)), s_(ts_.fresh_state("s.")),
          vars_(ts_.variables(s_)), to_unit1_(ctx_), from_(ctx_) {
        for (unsigned i = 0; i < vars_.size(); ++i)
            if (layout_.unit[i] > 0)
                unit_of_var_[vars_[i].id()] = layout_.unit[i];
        // Renaming unit 2's fields to unit 1's puts a fact of either in one shape.
        const std::vector<int> perm = swap_fields(layout_, 1, 2);
        for (unsigned i = 0; i < vars_.size(); ++i)
            if (layout_.unit[i] == 2) {
                from_.push_back(vars_[i]);
                to_unit1_.push_back(vars_[perm[i]]);
            }
    }

    Cutoff run() {
        for (const auto& a : ts_.instances()) {
            if (layout_.unit_of_device[a.device] != 0)
                continue;
            const SymbolicStep st = symbolic_step(ctx_, ts_.system(), s_, a, "in.");
            const z3::expr_vector post = ts_.variables(st.post);
            mask_.clear(); // the last step's terms are gone, and their ids reused
            read(st.guard);
            for (unsigned i = 0; i < post.size(); ++i)
                if (!z3::eq(post[i], vars_[i]))
                    read(post[i]);
            if (!why_not_.empty())
                return {0, 0, action_label(ts_.system(), a) + " " + why_not_};
        }
        const int folds = static_cast<int>(shapes_.size());
        return {folds, std::max(3, folds + 2), ""};
    }

  private:
    z3::context ctx_;
    const SymbolicSystem ts_;
    const UnitLayout layout_;
    const SymbolicState s_;
    const z3::expr_vector vars_;
    z3::expr_vector to_unit1_, from_;
    std::unordered_map<unsigned, int> unit_of_var_;
    std::unordered_map<unsigned, Mask> mask_;
    std::set<unsigned> shapes_;
    z3::expr_vector kept_{ctx_}; // keeps the shapes' terms (and so their ids) alive
    std::string why_not_;

    // A guard or a successor's field: a fact of one other unit is a fold too.
    void read(const z3::expr& e) {
        if (std::popcount(walk(e)) == 1)
            record_fact(renamed(e));
    }

    // The term's mask; records its maximal one-unit facts and the first term
    // that combines units other than by a Boolean connective.
    Mask walk(const z3::expr& e) {
        if (const auto it = mask_.find(e.id()); it != mask_.end())
            return it->second;
        Mask m = 0;
        if (e.is_app()) {
            if (const auto v = unit_of_var_.find(e.id()); v != unit_of_var_.end())
                m = 1u << (v->second - 1);
            std::vector<std::pair<z3::expr, Mask>> reading;
            for (const z3::expr& arg : operands(e))
                if (const Mask a = walk(arg))
                    reading.emplace_back(arg, a);
            for (const auto& [arg, a] : reading)
                m |= a;
            if (std::popcount(m) > 1)
                combine(e, reading);
        }
        mask_.emplace(e.id(), m);
        return m;
    }

    // e's arguments, through nested ands (ors) under an and (or): the
    // model's loops build `ok = ok && term` one device at a time.
    static std::vector<z3::expr> operands(const z3::expr& e) {
        std::vector<z3::expr> out;
        const auto op = e.decl().decl_kind();
        for (unsigned i = 0; i < e.num_args(); ++i) {
            const z3::expr arg = e.arg(i);
            if ((op == Z3_OP_AND || op == Z3_OP_OR) && arg.is_app() &&
                arg.decl().decl_kind() == op) {
                const auto inner = operands(arg);
                out.insert(out.end(), inner.begin(), inner.end());
            } else if (!arg.is_true() || op != Z3_OP_AND) {
                out.push_back(arg);
            }
        }
        return out;
    }

    // e reads two other units: its arguments that read one are facts, and it
    // must join Boolean facts by a connective. Under an and (or), one unit's
    // arguments are one fact, their and (or): the fold "for all (there is) an
    // other unit with all (one) of them".
    void combine(const z3::expr& e, const std::vector<std::pair<z3::expr, Mask>>& reading) {
        const auto op = e.decl().decl_kind();
        std::map<Mask, std::vector<z3::expr>> by_unit;
        for (const auto& [arg, a] : reading) {
            if (std::popcount(a) == 1)
                by_unit[a].push_back(renamed(arg));
            if ((!is_connective(e) || !arg.is_bool()) && reading.size() > 1 && why_not_.empty())
                why_not_ = "combines facts of two other units by " + e.decl().name().str() +
                           ": a count or a relation between units, which no number of units "
                           "decides: " +
                           one_line(e.to_string(), 100);
        }
        for (auto& [unit, facts] : by_unit) {
            if (op != Z3_OP_AND && op != Z3_OP_OR) {
                for (const auto& f : facts)
                    record_fact(f);
                continue;
            }
            std::sort(facts.begin(), facts.end(),
                      [](const z3::expr& a, const z3::expr& b) { return a.id() < b.id(); });
            z3::expr_vector v(ctx_);
            for (const auto& f : facts)
                v.push_back(f);
            record_fact(op == Z3_OP_AND ? z3::mk_and(v) : z3::mk_or(v));
        }
    }

    // The fact with unit 2's fields renamed to unit 1's.
    z3::expr renamed(const z3::expr& fact) {
        z3::expr out = fact; // substitute() is not const
        return out.substitute(from_, to_unit1_);
    }

    // A fact (renamed) and its negation are one fold: for all / there is not.
    void record_fact(const z3::expr& fact) {
        const z3::expr shape = fact.is_not() ? fact.arg(0) : fact;
        kept_.push_back(shape);
        shapes_.insert(shape.id());
    }
};

} // namespace

Cutoff unit_cutoff(const System& sys) {
    return ReadShape(with_units(sys, 3)).run();
}

} // namespace atscheck
