#include "checker/input/json_fields.hpp"

#include <fstream>
#include <sstream>

namespace atscheck {

namespace {

// "line L, column C" of the byte at `offset` (1-based, as nlohmann counts).
std::string position(const std::string& text, size_t offset) {
    size_t line = 1, col = 1;
    for (size_t i = 0; i + 1 < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

} // namespace

json parse_json_text(const std::string& file, const std::string& text) {
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        // nlohmann's message: "[json.exception.parse_error.101] parse error at line 1,
        // column 2: syntax error while parsing value - invalid literal; ..."
        const auto colon = what.find(": ", what.find("parse error"));
        std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
        throw InputError(file, position(text, e.byte), "malformed JSON: " + detail);
    } catch (const json::exception& e) {
        // E.g. out_of_range 406, "number overflow parsing '1e999'" (found by
        // fuzzing): no byte offset, so locate the quoted token in the text.
        std::string what = e.what();
        const auto bracket = what.find("] ");
        const std::string detail = bracket == std::string::npos ? what : what.substr(bracket + 2);
        const auto open = detail.find('\''), close = detail.rfind('\'');
        std::string where;
        if (open != std::string::npos && close > open) {
            const auto at = text.find(detail.substr(open + 1, close - open - 1));
            if (at != std::string::npos)
                where = position(text, at + 1);
        }
        throw InputError(file, where, "malformed JSON: " + detail);
    }
}

std::string read_text_file(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw InputError(file, "", "cannot read the file");
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

json read_json_file(const std::string& file) {
    return parse_json_text(file, read_text_file(file));
}

namespace {
const char* type_name(const json& j) {
    return j.type_name();
}
} // namespace

JsonFields::JsonFields(const std::string& file, const json& j, std::string path)
    : file_(file), j_(j), path_(std::move(path)) {
    if (!j_.is_object())
        fail(path_, std::string("expected an object, found ") + type_name(j_));
}

void JsonFields::fail(const std::string& where, const std::string& what) const {
    throw InputError(file_, where, what);
}

const json& JsonFields::raw(const char* key) {
    used_.insert(key);
    if (!j_.contains(key))
        fail(path_, std::string("missing required field \"") + key + "\"");
    return j_.at(key);
}

std::string JsonFields::string(const char* key) {
    const json& v = raw(key);
    if (!v.is_string())
        fail(path(key), std::string("expected a string, found ") + type_name(v));
    return v.get<std::string>();
}

std::string JsonFields::string_or(const char* key, const std::string& fallback) {
    return has(key) ? string(key) : (used_.insert(key), fallback);
}

int JsonFields::integer(const char* key, int lo, int hi) {
    const json& v = raw(key);
    if (!v.is_number_integer())
        fail(path(key), std::string("expected an integer, found ") + type_name(v));
    const auto n = v.get<long long>();
    if (n < lo || n > hi)
        fail(path(key), std::to_string(n) + " is out of range [" + std::to_string(lo) + ", " +
                            std::to_string(hi) + "]");
    return static_cast<int>(n);
}

int JsonFields::integer_or(const char* key, int lo, int hi, int fallback) {
    if (has(key))
        return integer(key, lo, hi);
    finish_optional(key);
    return fallback;
}

double JsonFields::number(const char* key, double lo, double hi) {
    const json& v = raw(key);
    if (!v.is_number())
        fail(path(key), std::string("expected a number, found ") + type_name(v));
    const double n = v.get<double>();
    if (!(n >= lo && n <= hi))
        fail(path(key),
             v.dump() + " is out of range [" + json(lo).dump() + ", " + json(hi).dump() + "]");
    return n;
}

bool JsonFields::boolean_or(const char* key, bool fallback) {
    if (!has(key))
        return fallback;
    const json& v = raw(key);
    if (!v.is_boolean())
        fail(path(key), std::string("expected true or false, found ") + type_name(v));
    return v.get<bool>();
}

std::string JsonFields::one_of(const char* key, std::initializer_list<const char*> choices,
                               const char* fallback) {
    return one_of(key, std::vector<std::string>(choices.begin(), choices.end()), fallback);
}

std::string JsonFields::one_of(const char* key, const std::vector<std::string>& choices,
                               const char* fallback) {
    std::string list;
    for (const auto& c : choices)
        list += (list.empty() ? "" : ", ") + c;
    if (!has(key) && fallback) {
        used_.insert(key);
        return fallback;
    }
    const json& v = raw(key);
    if (!v.is_string())
        fail(path(key), std::string("expected one of ") + list + ", found " + type_name(v));
    const auto s = v.get<std::string>();
    for (const auto& c : choices)
        if (s == c)
            return s;
    fail(path(key), "unknown value \"" + s + "\"; expected one of " + list);
}

const json& JsonFields::array(const char* key) {
    const json& v = raw(key);
    if (!v.is_array())
        fail(path(key), std::string("expected an array, found ") + type_name(v));
    return v;
}

const json* JsonFields::object_or_null(const char* key) {
    if (!has(key))
        return nullptr;
    const json& v = raw(key);
    if (!v.is_object())
        fail(path(key), std::string("expected an object, found ") + type_name(v));
    return &v;
}

void JsonFields::finish() const {
    for (auto it = j_.begin(); it != j_.end(); ++it)
        if (!used_.count(it.key()))
            fail(path(it.key().c_str()), "unknown field \"" + it.key() + "\"");
}

} // namespace atscheck
