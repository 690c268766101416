#include "checker/conform/c_source.hpp"

#include <cctype>
#include <cstdio>

#include "checker/input/input_error.hpp"

namespace atscheck {

namespace {

bool ident_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The punctuators of more than one character a fingerprint should keep whole;
// anything else is one character per token.
constexpr const char* kPunctuators[] = {"<<=", ">>=", "...", "->", "++", "--", "<<", ">>",
                                        "<=",  ">=",  "==",  "!=", "&&", "||", "+=", "-=",
                                        "*=",  "/=",  "%=",  "&=", "^=", "|=", "##"};

class Lexer {
  public:
    Lexer(const std::string& text, const std::string& file) : s_(text), file_(file) {}

    std::vector<CToken> run() {
        while (i_ < s_.size()) {
            const char c = s_[i_];
            if (c == '\n') {
                ++line_;
                ++i_;
                directive_ = false;
            } else if (c == '\\' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n') {
                i_ += 2; // a line continuation
                ++line_;
            } else if (std::isspace(static_cast<unsigned char>(c))) {
                ++i_;
            } else if (s_.compare(i_, 2, "//") == 0) {
                while (i_ < s_.size() && s_[i_] != '\n')
                    ++i_;
            } else if (s_.compare(i_, 2, "/*") == 0) {
                block_comment();
            } else if (c == '"' || c == '\'') {
                literal(c);
            } else if (ident_char(c)) {
                const size_t start = i_;
                while (i_ < s_.size() && ident_char(s_[i_]))
                    ++i_;
                push(start);
            } else {
                punctuator();
            }
        }
        return std::move(out_);
    }

  private:
    const std::string& s_;
    const std::string& file_;
    size_t i_ = 0;
    int line_ = 1;
    std::vector<CToken> out_;

    bool directive_ = false;

    void push(size_t start) {
        // A '#' first on its line starts a directive, up to the line's end.
        if (s_[start] == '#' && (out_.empty() || out_.back().line != line_))
            directive_ = true;
        out_.push_back({s_.substr(start, i_ - start), line_, start, directive_});
    }

    [[noreturn]] void fail(int line, const std::string& what) const {
        throw InputError(file_, "line " + std::to_string(line), what);
    }

    void block_comment() {
        const int start_line = line_;
        const size_t end = s_.find("*/", i_ + 2);
        if (end == std::string::npos)
            fail(start_line, "unterminated comment");
        for (; i_ < end + 2; ++i_)
            line_ += s_[i_] == '\n';
    }

    void literal(char quote) {
        const size_t start = i_++;
        while (i_ < s_.size() && s_[i_] != quote) {
            if (s_[i_] == '\n')
                fail(line_, std::string("unterminated ") + (quote == '"' ? "string" : "character") +
                                " literal");
            i_ += s_[i_] == '\\' ? 2 : 1;
        }
        if (i_ >= s_.size())
            fail(line_, "unterminated literal at the end of the file");
        ++i_;
        push(start);
    }

    void punctuator() {
        const size_t start = i_;
        for (const char* p : kPunctuators)
            if (s_.compare(i_, std::char_traits<char>::length(p), p) == 0) {
                i_ += std::char_traits<char>::length(p);
                push(start);
                return;
            }
        ++i_;
        push(start);
    }
};

// The index of the token that closes the bracket opened at `open`, or npos.
size_t matching(const std::vector<CToken>& t, size_t open) {
    const std::string o = t[open].text, c = o == "(" ? ")" : o == "{" ? "}" : "]";
    int depth = 0;
    for (size_t i = open; i < t.size(); ++i) {
        depth += t[i].text == o;
        depth -= t[i].text == c;
        if (depth == 0)
            return i;
    }
    return std::string::npos;
}

} // namespace

std::vector<CToken> tokenize_c(const std::string& text, const std::string& file) {
    return Lexer(text, file).run();
}

namespace {

// At file scope, `name (` ... `)` followed, before any `;`, `=` or `,`, by `{`:
// a definition. Attributes and macros between the parameters and the body
// (for example __must_check) are allowed. Calls `visit(name index, function)`
// for each; stops when it returns true.
template <class Visit> void for_each_definition(const std::vector<CToken>& t, Visit&& visit) {
    int depth = 0;
    for (size_t i = 0; i + 1 < t.size(); ++i) {
        depth += t[i].text == "{";
        depth -= t[i].text == "}";
        if (depth != 0 || !ident_char(t[i].text[0]) || t[i + 1].text != "(" ||
            (i > 0 && t[i - 1].text == "define")) // a function-like macro
            continue;
        const size_t close = matching(t, i + 1);
        if (close == std::string::npos)
            return;
        size_t k = close + 1;
        while (k < t.size() && t[k].text != "{" && t[k].text != ";" && t[k].text != "=" &&
               t[k].text != ",")
            ++k;
        if (k >= t.size() || t[k].text != "{")
            continue;
        const size_t end = matching(t, k);
        if (end == std::string::npos)
            return;
        size_t head = i; // back over the return type and storage class
        while (head > 0 && !t[head - 1].directive &&
               (ident_char(t[head - 1].text[0]) || t[head - 1].text == "*"))
            --head;
        if (visit(i, CFunction{t[i].line, t[end].line, k, end + 1, i, head}))
            return;
        i = end; // the body is not file scope
    }
}

} // namespace

std::optional<CFunction> find_function(const std::vector<CToken>& t, const std::string& name) {
    std::optional<CFunction> found;
    for_each_definition(t, [&](size_t at, const CFunction& f) {
        if (t[at].text == name)
            found = f;
        return found.has_value();
    });
    return found;
}

std::vector<std::pair<std::string, CFunction>> all_functions(const std::vector<CToken>& t) {
    std::vector<std::pair<std::string, CFunction>> out;
    for_each_definition(t, [&](size_t at, const CFunction& f) {
        out.emplace_back(t[at].text, f);
        return false;
    });
    return out;
}

std::string fingerprint(const std::vector<CToken>& t, const CFunction& f) {
    uint64_t h = 1469598103934665603ULL; // FNV-1a offset basis
    auto mix = [&h](unsigned char c) {
        h ^= c;
        h *= 1099511628211ULL; // FNV-1a prime
    };
    for (size_t i = f.body_begin; i < f.body_end; ++i) {
        if (i > f.body_begin)
            mix(' ');
        for (char c : t[i].text)
            mix(static_cast<unsigned char>(c));
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

} // namespace atscheck
