// A reader of C source, enough to find a function's body and fingerprint it:
// tokens without comments or whitespace, each with its line. It does not
// preprocess: a function defined through a macro is not found, and code under
// #if is read as it stands (the directives are tokens like any other).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace atscheck {

struct CToken {
    std::string text;
    int line = 0;
    size_t offset = 0;      // where it starts in the file's text
    bool directive = false; // on a preprocessor line (#define, #if, ...)
};

// Throws InputError naming `file` and the line of an unterminated comment,
// string or character literal.
std::vector<CToken> tokenize_c(const std::string& text, const std::string& file);

// A function's definition: the tokens of its body, braces included.
struct CFunction {
    int first_line = 0;                  // the line of its name
    int last_line = 0;                   // the line of its closing brace
    size_t body_begin = 0, body_end = 0; // token indices: [body_begin, body_end)
    size_t name_at = 0;                  // the token of its name
    size_t head_begin = 0;               // its first token: storage class and return type
};

// The definition of `name` at file scope (not a prototype, not a call).
std::optional<CFunction> find_function(const std::vector<CToken>& tokens, const std::string& name);

// Every function defined at file scope, in file order, with its name.
std::vector<std::pair<std::string, CFunction>> all_functions(const std::vector<CToken>& tokens);

// FNV-1a (64 bits) of the body's tokens joined by single spaces, in 16 hex
// digits: the same for two bodies that differ only in comments and layout.
std::string fingerprint(const std::vector<CToken>& tokens, const CFunction& f);

} // namespace atscheck
