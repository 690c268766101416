#include "checker/cli/report_files.hpp"

#include "checker/reports/html_report.hpp"
#include "checker/reports/junit.hpp"
#include "checker/reports/sarif.hpp"
#include "checker/traces/output_files.hpp"

namespace atscheck::cli {

void check_report_paths(const ReportFiles& files) {
    if (!files.junit.empty())
        check_writable_file(files.junit, "--junit");
    if (!files.sarif.empty())
        check_writable_file(files.sarif, "--sarif");
    if (!files.html.empty())
        check_writable_file(files.html, "--html");
}

void write_reports(const ReportFiles& files, const SweepReport& report) {
    if (!files.junit.empty())
        write_atomically(files.junit, render_junit(report));
    if (!files.sarif.empty())
        write_atomically(files.sarif, render_sarif(report).dump(2) + "\n");
    if (!files.html.empty())
        write_atomically(files.html, render_html(report));
}

} // namespace atscheck::cli
