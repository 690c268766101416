// Files the commands write: traces, SMT-LIB obligations and reports. Each is
// written to a temporary name and renamed, so no half-written file remains.
#pragma once

#include <string>

#include "checker/engines/result.hpp"

namespace atscheck {

// Writes `text` to `path` atomically; InputError when the file cannot be written.
void write_atomically(const std::string& path, const std::string& text);

// Creates directory `dir` up front, so a bad path fails before any work;
// `option` names the flag in the error.
void prepare_out_dir(const std::string& dir, const std::string& option);

// Fails early (InputError naming `option`) when `path`'s directory does not
// exist or `path` is a directory, so a report is not lost after a long run.
void check_writable_file(const std::string& path, const std::string& option);

// One ITF file per counterexample, <revision>.<scenario>.<property>.itf.json;
// sets each result's trace_file.
void write_traces(CheckedSystem& c, const std::string& dir);

// One SMT-LIB 2 file per obligation: <revision>.<scenario>.<property>.<obligation>.smt2.
void write_obligations(const CheckedSystem& c, const std::string& dir);

} // namespace atscheck
