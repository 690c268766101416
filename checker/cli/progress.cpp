#include "checker/cli/progress.hpp"

#include <cstdio>
#include <memory>
#include <unistd.h>

#include "checker/reports/check_report.hpp"

namespace atscheck::cli {

ProgressFn engine_progress(const std::string& what) {
    auto last = std::make_shared<double>(0);
    return [what, last](const Progress& p) {
        if (p.seconds < 1.0 || p.seconds - *last < 1.0)
            return;
        *last = p.seconds;
        if (isatty(STDERR_FILENO))
            std::fprintf(stderr, "\r\033[K"); // over a sweep's bar
        if (p.states == 0) { // a symbolic engine: only the depth reached means anything
            std::fprintf(stderr, "atscheck: %s: depth %d, %.1f s\n", what.c_str(), p.depth,
                         p.seconds);
            return;
        }
        std::fprintf(stderr, "atscheck: %s: %llu states, %llu transitions, depth %d, %.1f s\n",
                     what.c_str(), static_cast<unsigned long long>(p.states),
                     static_cast<unsigned long long>(p.transitions), p.depth, p.seconds);
    };
}

namespace {

std::string cell_name(const System& sys) {
    return sys.revision.name + " on " + sys.scenario.name;
}

// "4 proved, 3 violated, 1 bounded".
std::string tally(const CheckResult& r) {
    int n[4] = {0, 0, 0, 0};
    for (const auto& p : r.properties)
        ++n[static_cast<int>(p.verdict)];
    std::string out;
    for (Verdict v : {Verdict::Proved, Verdict::Violated, Verdict::Bounded, Verdict::Unknown})
        if (n[static_cast<int>(v)] > 0)
            out += (out.empty() ? "" : ", ") + std::to_string(n[static_cast<int>(v)]) + " " +
                   to_string(v);
    return out;
}

void draw_bar(size_t done, size_t total, const std::string& now) {
    constexpr int kWidth = 30;
    const int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
    std::fprintf(stderr, "\r\033[K[%s%s] %zu/%zu %s", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, '.').c_str(), done, total, now.c_str());
    std::fflush(stderr);
}

} // namespace

SweepObserver sweep_progress() {
    const bool terminal = isatty(STDERR_FILENO) != 0;
    SweepObserver o;
    o.started = [terminal](size_t index, size_t total, const System& sys) {
        if (terminal)
            draw_bar(index, total, cell_name(sys));
    };
    o.finished = [terminal](size_t index, size_t total, const CheckedSystem& c, double seconds) {
        if (terminal)
            std::fprintf(stderr, "\r\033[K");
        std::fprintf(stderr, "atscheck: [%zu/%zu] %s: %s, %.2f s\n", index + 1, total,
                     cell_name(c.system).c_str(), tally(c.result).c_str(), seconds);
        if (terminal && index + 1 < total)
            draw_bar(index + 1, total, "");
    };
    o.engine_progress = [](const System& sys) { return engine_progress(cell_name(sys)); };
    return o;
}

} // namespace atscheck::cli
