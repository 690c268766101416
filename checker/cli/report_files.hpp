// Writing --junit, --sarif and --html files for a sweep.
#pragma once

#include "checker/cli/commands.hpp"
#include "checker/reports/sweep_report.hpp"

namespace atscheck::cli {

// Fails before any work when a report file could not be written.
void check_report_paths(const ReportFiles& files);

// Writes each report asked for, atomically.
void write_reports(const ReportFiles& files, const SweepReport& report);

} // namespace atscheck::cli
