// Strict reading of one JSON object: typed getters that name the JSON path in
// their errors, and a check that no unknown key was given.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/input/input_error.hpp"

namespace atscheck {

using nlohmann::json;

// Parses `text` as JSON; a syntax error names the line and column.
json parse_json_text(const std::string& file, const std::string& text);
// A file's text; InputError when it cannot be read.
std::string read_text_file(const std::string& file);
// Reads and parses a file (an unreadable file is an InputError too).
json read_json_file(const std::string& file);

class JsonFields {
  public:
    JsonFields(const std::string& file, const json& j, std::string path);

    bool has(const char* key) const { return j_.contains(key); }
    const json& raw(const char* key); // required, any type
    std::string string(const char* key);
    std::string string_or(const char* key, const std::string& fallback);
    int integer(const char* key, int lo, int hi);
    int integer_or(const char* key, int lo, int hi, int fallback);
    double number(const char* key, double lo, double hi);
    bool boolean_or(const char* key, bool fallback);
    // A string that must be one of `choices` (listed in the error).
    std::string one_of(const char* key, std::initializer_list<const char*> choices,
                       const char* fallback = nullptr);
    std::string one_of(const char* key, const std::vector<std::string>& choices,
                       const char* fallback = nullptr);
    const json& array(const char* key);
    const json* object_or_null(const char* key);

    std::string path(const char* key) const { return path_ + "." + key; }
    [[noreturn]] void fail(const std::string& where, const std::string& what) const;
    // Marks an optional key as known when it is absent.
    void finish_optional(const char* key) { used_.insert(key); }
    // Rejects keys that were never read.
    void finish() const;

  private:
    const std::string& file_;
    const json& j_;
    std::string path_;
    std::set<std::string> used_;
};

} // namespace atscheck
