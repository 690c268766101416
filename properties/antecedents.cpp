#include "properties/antecedents.hpp"

#include <algorithm>
#include <regex>

namespace atscheck {

namespace {

// The leftmost column of a subtree: where its text starts, but for an
// opening parenthesis before it.
int first_column(const Expr& e, int node) {
    int column = e.nodes[node].column;
    for (int kid : e.nodes[node].kids)
        column = std::min(column, first_column(e, kid));
    return column;
}

std::string trimmed(std::string s) {
    const auto a = s.find_first_not_of(' ');
    const auto b = s.find_last_not_of(' ');
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// The text of an implication's left side: from its first column to the
// arrow, widened over the parentheses it opens and closes.
std::string left_text(const std::string& text, const Expr& e, int implies) {
    const ExprNode& n = e.nodes[implies];
    size_t from = static_cast<size_t>(first_column(e, n.kids[0]) - 1);
    const size_t to = static_cast<size_t>(n.column - 1); // the arrow
    auto depth = [&] {
        const std::string s = text.substr(from, to - from);
        return std::count(s.begin(), s.end(), ')') - std::count(s.begin(), s.end(), '(');
    };
    while (depth() > 0 && from > 0) {
        from = text.rfind('(', from - 1);
        if (from == std::string::npos)
            return trimmed(text.substr(0, to));
    }
    return trimmed(text.substr(from, to - from));
}

// "forall d in vfs: " for a quantifier node (any of forall, exists, sum, count).
std::string binder(const std::string& text, const ExprNode& q) {
    static const std::regex head(R"(^(forall|exists|sum|count)\s+([A-Za-z_]\w*)\s+in\s+(\w+))");
    std::smatch m;
    const std::string at = text.substr(static_cast<size_t>(q.column - 1));
    if (!std::regex_search(at, m, head))
        return "";
    return "forall " + m[2].str() + " in " + m[3].str() + ": ";
}

bool binds(ExprOp op) {
    return op == ExprOp::Forall || op == ExprOp::Exists || op == ExprOp::Sum || op == ExprOp::Count;
}

// The text without parentheses around the whole of it.
std::string unwrapped(std::string s) {
    while (s.size() > 1 && s.front() == '(' && s.back() == ')') {
        int depth = 0;
        for (size_t i = 0; i + 1 < s.size(); ++i) {
            depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
            if (depth == 0)
                return s; // "(a) && (b)": the first one closes early
        }
        s = trimmed(s.substr(1, s.size() - 2));
    }
    return s;
}

// The parts of a conjunction, split at its top-level &&.
std::vector<std::string> conjuncts(const std::string& text) {
    const std::string s = unwrapped(text);
    std::vector<std::string> out;
    int depth = 0;
    size_t from = 0;
    for (size_t i = 0; i + 1 < s.size(); ++i) {
        depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
        if (depth == 0 && s.compare(i, 2, "&&") == 0) {
            out.push_back(trimmed(s.substr(from, i - from)));
            from = i + 2;
        }
    }
    out.push_back(trimmed(s.substr(from)));
    return out;
}

void walk(const PropertyInfo& p, int node, const std::string& binders,
          std::vector<Antecedent>& out) {
    const ExprNode& n = p.expr.nodes[node];
    if (n.op == ExprOp::Implies) {
        const std::string a = left_text(p.expression, p.expr, node);
        Antecedent whole{a, binders + "!(" + a + ")", {}};
        if (const auto parts = conjuncts(a); parts.size() > 1)
            for (const auto& part : parts)
                whole.parts.push_back({part, binders + "!(" + part + ")", {}});
        out.push_back(std::move(whole));
    }
    const std::string inner = binds(n.op) ? binders + binder(p.expression, n) : binders;
    for (int kid : n.kids)
        walk(p, kid, inner, out);
}

} // namespace

std::vector<Antecedent> antecedents_of(const PropertyInfo& p) {
    std::vector<Antecedent> out;
    if (p.expr.root >= 0)
        walk(p, p.expr.root, "", out);
    return out;
}

} // namespace atscheck
