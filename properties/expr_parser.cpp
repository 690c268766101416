// The property language's lexer, parser and type checker: one pass, by
// recursive descent, from the loosest operator to the tightest:
//   quantifiers (their body extends as far right as possible) < -> < || < &&
//   < comparisons < + - < ! < primaries.
#include <cctype>
#include <string_view>

#include "properties/expr.hpp"

namespace atscheck {

namespace {

struct Token {
    enum Kind { Ident, Int, Sym, End } kind;
    std::string text;
    int column;
};

std::vector<Token> lex(const std::string& s) {
    static const char* const kSymbols[] = {"->", "&&", "||", "==", "!=", "<=", ">=", "<", ">",
                                           "!",  "+",  "-",  "(",  ")",  "[",  "]",  ".", ":"};
    std::vector<Token> out;
    size_t i = 0;
    while (i < s.size()) {
        const int column = static_cast<int>(i) + 1;
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (std::isspace(c)) {
            ++i;
        } else if (std::isalpha(c) || c == '_') {
            size_t j = i;
            while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_'))
                ++j;
            out.push_back({Token::Ident, s.substr(i, j - i), column});
            i = j;
        } else if (std::isdigit(c)) {
            size_t j = i;
            while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])))
                ++j;
            if (j - i > 6)
                throw ExprError{column, "integer literal too large"};
            out.push_back({Token::Int, s.substr(i, j - i), column});
            i = j;
        } else {
            const char* match = nullptr;
            for (const char* sym : kSymbols)
                if (s.compare(i, std::string_view(sym).size(), sym) == 0) {
                    match = sym;
                    break;
                }
            if (!match)
                throw ExprError{column, std::string("unexpected character '") + s[i] + "'"};
            out.push_back({Token::Sym, match, column});
            i += std::string_view(match).size();
        }
    }
    out.push_back({Token::End, "", static_cast<int>(s.size()) + 1});
    return out;
}

struct SetName {
    const char* name;
    ExprSet set;
    ExprType element;
};
constexpr SetName kSets[] = {
    {"devices", ExprSet::Devices, ExprType::Device},
    {"pfs", ExprSet::Pfs, ExprType::Device},
    {"vfs", ExprSet::Vfs, ExprType::Device},
    {"domains", ExprSet::Domains, ExprType::Domain},
    {"paging", ExprSet::Paging, ExprType::Domain},
    {"identity", ExprSet::Identity, ExprType::Domain},
    {"blocked", ExprSet::Blocked, ExprType::Domain},
    {"sva", ExprSet::Sva, ExprType::Domain},
    {"s2_parent", ExprSet::S2Parent, ExprType::Domain},
    {"nested", ExprSet::Nested, ExprType::Domain},
    {"tracked", ExprSet::Tracked, ExprType::Domain},
};

constexpr const char* kKeywords[] = {"forall",   "exists",    "sum",     "count", "in",
                                     "where",    "true",      "false",   "none",  "idle",
                                     "prepared", "quiescent", "pf",      "pdev",  "master",
                                     "domain",   "supported", "required"};

bool is_keyword(const std::string& s) {
    for (const char* k : kKeywords)
        if (s == k)
            return true;
    return false;
}

ExprType type_of(FieldKind k) {
    switch (k) {
    case FieldKind::Bool:
        return ExprType::Bool;
    case FieldKind::Phase:
        return ExprType::Phase;
    case FieldKind::DomainRef:
        return ExprType::Domain;
    case FieldKind::Count:
    case FieldKind::Stu:
        return ExprType::Int;
    }
    return ExprType::Int;
}

// The row of `table` named `name`, or -1.
template <size_t N> int find_row(const FieldSpec (&table)[N], const std::string& name) {
    for (size_t i = 0; i < N; ++i)
        if (name == table[i].name)
            return static_cast<int>(i);
    return -1;
}

class Parser {
  public:
    explicit Parser(const std::string& text) : tokens_(lex(text)) {}

    Expr parse() {
        const int root = expr();
        if (peek().kind != Token::End)
            fail(peek(), "unexpected \"" + peek().text + "\"");
        expect_type(root, ExprType::Bool, "an invariant");
        out_.root = root;
        return std::move(out_);
    }

  private:
    struct Binding {
        std::string name;
        ExprType type;
        int slot;
    };
    std::vector<Token> tokens_;
    size_t at_ = 0;
    Expr out_;
    std::vector<Binding> scope_;

    const Token& peek() const { return tokens_[at_]; }
    const Token& next() { return tokens_[at_ < tokens_.size() - 1 ? at_++ : at_]; }
    bool accept(const char* sym) {
        if (peek().kind == Token::Sym && peek().text == sym) {
            ++at_;
            return true;
        }
        return false;
    }
    bool accept_word(const char* word) {
        if (peek().kind == Token::Ident && peek().text == word) {
            ++at_;
            return true;
        }
        return false;
    }
    [[noreturn]] void fail(const Token& t, const std::string& what) const {
        throw ExprError{t.column, what};
    }
    void expect(const char* sym) {
        if (!accept(sym))
            fail(peek(), std::string("expected \"") + sym + "\"" +
                             (peek().kind == Token::End ? " at the end"
                                                        : ", found \"" + peek().text + "\""));
    }
    std::string identifier(const char* what) {
        if (peek().kind != Token::Ident)
            fail(peek(), std::string("expected ") + what);
        return next().text;
    }

    const ExprNode& node(int i) const { return out_.nodes[static_cast<size_t>(i)]; }
    int add(ExprNode n) {
        // A left-associative chain (a - b - c ...) does not nest in the
        // parser, but the evaluator recurses down it: bound its length too.
        if (out_.nodes.size() >= kMaxNodes)
            throw ExprError{n.column,
                            "the expression has more than " + std::to_string(kMaxNodes) + " parts"};
        out_.nodes.push_back(std::move(n));
        return static_cast<int>(out_.nodes.size()) - 1;
    }
    int make(ExprOp op, ExprType type, int column, std::vector<int> kids = {}) {
        ExprNode n{op, type};
        n.column = column;
        n.kids = std::move(kids);
        return add(std::move(n));
    }
    void expect_type(int i, ExprType t, const std::string& what) const {
        if (node(i).type != t)
            throw ExprError{node(i).column,
                            what + " must be " + to_string(t) + ", not " + to_string(node(i).type)};
    }

    // Binary operators of one precedence level, left-associative.
    template <class Next>
    int binary(Next next_level, std::initializer_list<std::pair<const char*, ExprOp>> ops,
               ExprType operand, ExprType result) {
        int lhs = (this->*next_level)();
        for (bool more = true; more;) {
            more = false;
            for (const auto& [sym, op] : ops) {
                const int column = peek().column;
                if (!accept(sym))
                    continue;
                const int rhs = (this->*next_level)();
                expect_type(lhs, operand, std::string("the left side of ") + sym);
                expect_type(rhs, operand, std::string("the right side of ") + sym);
                lhs = make(op, result, column, {lhs, rhs});
                more = true;
                break;
            }
        }
        return lhs;
    }

    // Recursive descent recurses once per nesting level: a limit keeps a
    // hostile input ("((((...", "!!!!...") from overflowing the stack (found
    // by the expression_reader fuzzer). The evaluator recurses over the same
    // tree, so the limit bounds it too.
    static constexpr int kMaxNesting = 100;
    static constexpr size_t kMaxNodes = 4000;
    int nesting_ = 0;
    struct Nest {
        Parser& p;
        explicit Nest(Parser& parser) : p(parser) {
            if (++p.nesting_ > kMaxNesting)
                p.fail(p.peek(), "the expression nests deeper than " + std::to_string(kMaxNesting) +
                                     " levels");
        }
        ~Nest() { --p.nesting_; }
    };

    int expr() {
        const Nest nest(*this);
        return implies();
    }

    int implies() {
        const int lhs = disjunction();
        const int column = peek().column;
        if (!accept("->"))
            return lhs;
        const int rhs = implies(); // right-associative
        expect_type(lhs, ExprType::Bool, "the left side of ->");
        expect_type(rhs, ExprType::Bool, "the right side of ->");
        return make(ExprOp::Implies, ExprType::Bool, column, {lhs, rhs});
    }
    int disjunction() {
        return binary(&Parser::conjunction, {{"||", ExprOp::Or}}, ExprType::Bool, ExprType::Bool);
    }
    int conjunction() {
        return binary(&Parser::comparison, {{"&&", ExprOp::And}}, ExprType::Bool, ExprType::Bool);
    }

    int comparison() {
        static const std::pair<const char*, ExprOp> kOps[] = {
            {"==", ExprOp::Eq}, {"!=", ExprOp::Ne}, {"<=", ExprOp::Le},
            {">=", ExprOp::Ge}, {"<", ExprOp::Lt},  {">", ExprOp::Gt}};
        const int lhs = additive();
        for (const auto& [sym, op] : kOps) {
            const int column = peek().column;
            if (!accept(sym))
                continue;
            const int rhs = additive();
            const bool ordered = op != ExprOp::Eq && op != ExprOp::Ne;
            if (ordered) {
                expect_type(lhs, ExprType::Int, std::string("the left side of ") + sym);
                expect_type(rhs, ExprType::Int, std::string("the right side of ") + sym);
            } else if (node(lhs).type != node(rhs).type) {
                throw ExprError{column, std::string("cannot compare ") + to_string(node(lhs).type) +
                                            " with " + to_string(node(rhs).type)};
            }
            return make(op, ExprType::Bool, column, {lhs, rhs});
        }
        return lhs;
    }

    int additive() {
        return binary(&Parser::unary, {{"+", ExprOp::Add}, {"-", ExprOp::Sub}}, ExprType::Int,
                      ExprType::Int);
    }

    int unary() {
        const int column = peek().column;
        if (accept("!")) {
            const Nest nest(*this);
            const int kid = unary();
            expect_type(kid, ExprType::Bool, "the operand of !");
            return make(ExprOp::Not, ExprType::Bool, column, {kid});
        }
        if (accept("-")) {
            if (peek().kind != Token::Int)
                fail(peek(), "expected an integer after unary -");
            ExprNode n{ExprOp::Literal, ExprType::Int, -std::stoi(next().text)};
            n.column = column;
            return add(std::move(n));
        }
        return primary();
    }

    int primary() {
        const Token& t = peek();
        if (t.kind == Token::Int) {
            ExprNode n{ExprOp::Literal, ExprType::Int, std::stoi(next().text)};
            n.column = t.column;
            return add(std::move(n));
        }
        if (accept("(")) {
            const int inner = expr();
            expect(")");
            return inner;
        }
        if (t.kind != Token::Ident)
            fail(t, t.kind == Token::End ? "unexpected end of the expression"
                                         : "unexpected \"" + t.text + "\"");
        return word();
    }

    int literal(ExprType type, int value, int column) {
        ExprNode n{ExprOp::Literal, type, value};
        n.column = column;
        return add(std::move(n));
    }

    int word() {
        const Token t = next();
        const std::string& w = t.text;
        if (w == "true" || w == "false")
            return literal(ExprType::Bool, w == "true", t.column);
        if (w == "idle" || w == "prepared")
            return literal(ExprType::Phase, w == "prepared", t.column);
        if (w == "none")
            return make(ExprOp::None, ExprType::Domain, t.column);
        if (w == "quiescent")
            return make(ExprOp::Quiescent, ExprType::Bool, t.column);
        if (w == "forall" || w == "exists" || w == "sum" || w == "count")
            return quantifier(w, t.column);
        if (w == "pf") {
            expect("(");
            const int d = index(ExprType::Device, "pf()'s argument");
            expect(")");
            return make(ExprOp::Pf, ExprType::Device, t.column, {d});
        }
        if (w == "parent" || w == "disable_ats") {
            expect("(");
            const int D = index(ExprType::Domain, w + "()'s argument");
            expect(")");
            return w == "parent" ? make(ExprOp::Parent, ExprType::Domain, t.column, {D})
                                 : make(ExprOp::DisableAts, ExprType::Bool, t.column, {D});
        }
        if (w == "supported" || w == "required") {
            expect("(");
            const int d = index(ExprType::Device, w + "()'s argument");
            expect(")");
            return make(w == "supported" ? ExprOp::Supported : ExprOp::Required, ExprType::Bool,
                        t.column, {d});
        }
        if (w == "pdev" || w == "master" || w == "domain")
            return field(w, t.column);
        for (auto it = scope_.rbegin(); it != scope_.rend(); ++it)
            if (it->name == w) {
                ExprNode n{ExprOp::Var, it->type};
                n.slot = it->slot;
                n.column = t.column;
                return add(std::move(n));
            }
        if (const int row = find_row(kFlagFields, std::string(current_flag_name(w))); row >= 0) {
            ExprNode n{ExprOp::Field, ExprType::Bool};
            n.scope = FieldScope::Flag;
            n.field = row;
            n.column = t.column;
            return add(std::move(n));
        }
        if (is_keyword(w))
            fail(t, "\"" + w + "\" cannot stand here");
        // Any other name is a domain of the scenario: checked per system.
        ExprNode n{ExprOp::DomainConst, ExprType::Domain};
        n.name = w;
        n.column = t.column;
        const int i = add(std::move(n));
        out_.domain_constants.push_back(i);
        return i;
    }

    // An index into pdev/master/domain or pf()'s argument: a bound variable,
    // pf(...) or a domain of the scenario, known before the state is.
    int index(ExprType type, const std::string& what) {
        const int i = additive();
        const ExprOp op = node(i).op;
        if (op == ExprOp::DomainConst && type == ExprType::Device)
            throw ExprError{node(i).column, "unknown variable \"" + node(i).name + "\""};
        if (op != ExprOp::Var && op != ExprOp::Pf && op != ExprOp::Parent &&
            op != ExprOp::DomainConst)
            throw ExprError{node(i).column,
                            what + " must be a bound variable" +
                                (type == ExprType::Device
                                     ? std::string(" or pf(...)")
                                     : std::string(", parent(...) or a domain's name"))};
        expect_type(i, type, what);
        return i;
    }

    int field(const std::string& record, int column) {
        const ExprType index_type = record == "domain" ? ExprType::Domain : ExprType::Device;
        expect("[");
        const int first = index(index_type, record + "[...]");
        expect("]");
        expect(".");
        const Token& name_token = peek();
        const std::string name = identifier("a field name");
        ExprNode n{ExprOp::Field, ExprType::Bool};
        n.column = column;
        n.kids = {first};
        if (record == "pdev" || record == "master") {
            n.scope = record == "pdev" ? FieldScope::Pdev : FieldScope::Master;
            n.field = n.scope == FieldScope::Pdev ? find_row(kPdevFields, name)
                                                  : find_row(kMasterFields, name);
        } else if ((n.field = find_row(kDomainFields, name)) >= 0) {
            n.scope = FieldScope::Domain;
        } else if ((n.field = find_row(kDomainDeviceFields, name)) >= 0) {
            n.scope = FieldScope::DomainDevice;
            expect("[");
            n.kids.push_back(index(ExprType::Device, "domain[...]." + name + "[...]"));
            expect("]");
        }
        if (n.field < 0)
            fail(name_token, record + " has no field \"" + name + "\"");
        n.type = type_of(table_of(n.scope)[n.field].kind);
        return add(std::move(n));
    }

    static const FieldSpec* table_of(FieldScope s) {
        switch (s) {
        case FieldScope::Pdev:
            return kPdevFields;
        case FieldScope::Master:
            return kMasterFields;
        case FieldScope::Domain:
            return kDomainFields;
        case FieldScope::DomainDevice:
            return kDomainDeviceFields;
        case FieldScope::Flag:
            return kFlagFields;
        }
        return kFlagFields;
    }

    int quantifier(const std::string& kind, int column) {
        const Token& var_token = peek();
        const std::string var = identifier("a variable name");
        if (is_keyword(var) || find_row(kFlagFields, std::string(current_flag_name(var))) >= 0)
            fail(var_token, "\"" + var + "\" cannot be a variable name");
        if (!accept_word("in"))
            fail(peek(), "expected \"in\" after the variable");
        const Token& set_token = peek();
        const std::string set = identifier("a set (devices, pfs, vfs, domains, paging, ...)");
        const SetName* found = nullptr;
        for (const auto& s : kSets)
            if (set == s.name)
                found = &s;
        if (!found)
            fail(set_token,
                 "unknown set \"" + set +
                     "\"; known: devices, pfs, vfs, domains, paging, identity, blocked, sva, "
                     "s2_parent, nested, tracked");
        const int slot = out_.slots++;
        scope_.push_back({var, found->element, slot});
        int where = -1;
        if (kind == "sum" && accept_word("where")) {
            where = expr();
            expect_type(where, ExprType::Bool, "a where condition");
        }
        expect(":");
        const int body = expr();
        scope_.pop_back();
        const bool numeric = kind == "sum";
        expect_type(body, numeric ? ExprType::Int : ExprType::Bool, "the body of " + kind);
        const ExprOp op = kind == "forall"   ? ExprOp::Forall
                          : kind == "exists" ? ExprOp::Exists
                          : kind == "sum"    ? ExprOp::Sum
                                             : ExprOp::Count;
        ExprNode n{op,
                   op == ExprOp::Forall || op == ExprOp::Exists ? ExprType::Bool : ExprType::Int};
        n.slot = slot;
        n.set = found->set;
        n.column = column;
        n.kids = {body};
        if (where >= 0)
            n.kids.push_back(where);
        return add(std::move(n));
    }
};

} // namespace

const char* to_string(ExprType t) {
    switch (t) {
    case ExprType::Bool:
        return "a Boolean";
    case ExprType::Int:
        return "an integer";
    case ExprType::Device:
        return "a device";
    case ExprType::Domain:
        return "a domain";
    case ExprType::Phase:
        return "a phase";
    }
    return "?";
}

Expr parse_invariant(const std::string& text) {
    return Parser(text).parse();
}

void check_domain_constants(const Expr& e, const System& sys) {
    for (int i : e.domain_constants) {
        const ExprNode& n = e.nodes[static_cast<size_t>(i)];
        bool known = false;
        for (const auto& d : sys.scenario.domains)
            known = known || d.name == n.name;
        if (!known)
            throw ExprError{n.column, "unknown name \"" + n.name +
                                          "\": not a flag, a bound variable or a domain of "
                                          "scenario " +
                                          sys.scenario.name};
    }
}

} // namespace atscheck
