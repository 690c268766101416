#include "checker/limits/memory_limit.hpp"
#include "checker/internal_error.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <vector>

#include <unistd.h>

namespace atscheck {

namespace {

// One limit is active at a time; its state is process-wide because engines
// poll it from deep inside loops and from the portfolio's threads.
struct Shared {
    std::mutex mutex;
    std::condition_variable stop_cv;
    bool active = false, stopping = false;
    std::vector<z3::context*> contexts;
    size_t limit_mb = 0, seen_mb = 0;
    std::atomic<bool> reached{false};
};

Shared& shared() {
    static Shared s;
    return s;
}

void interrupt_all(Shared& s) {
    for (z3::context* ctx : s.contexts)
        ctx->interrupt();
}

} // namespace

size_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    size_t pages_total = 0, pages_resident = 0;
    if (!(statm >> pages_total >> pages_resident))
        return 0;
    return pages_resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

bool memory_limit_reached() {
    return shared().reached.load(std::memory_order_relaxed);
}

std::string memory_limit_reason() {
    Shared& s = shared();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (!s.reached)
        return "";
    return "memory limit of " + std::to_string(s.limit_mb) + " MB reached at a resident " +
           std::to_string(s.seen_mb) + " MB";
}

MemoryLimit::MemoryLimit(size_t megabytes) {
    Shared& s = shared();
    {
        std::lock_guard<std::mutex> lock(s.mutex);
        if (s.active)
            throw InternalError("MemoryLimit: a limit is already active");
        s.active = true;
        s.stopping = false;
        s.limit_mb = megabytes;
        s.reached = false;
    }
    sampler_ = std::thread([&s, megabytes] {
        std::unique_lock<std::mutex> lock(s.mutex);
        while (!s.stopping) {
            const size_t mb = resident_bytes() >> 20;
            if (mb > megabytes && !s.reached) {
                s.seen_mb = mb;
                s.reached = true;
                interrupt_all(s);
            }
            s.stop_cv.wait_for(lock, std::chrono::milliseconds(10), [&] { return s.stopping; });
        }
    });
}

MemoryLimit::~MemoryLimit() {
    Shared& s = shared();
    {
        std::lock_guard<std::mutex> lock(s.mutex);
        s.stopping = true;
    }
    s.stop_cv.notify_all();
    sampler_.join();
    std::lock_guard<std::mutex> lock(s.mutex);
    s.active = false;
    s.reached = false;
}

InterruptOnMemoryLimit::InterruptOnMemoryLimit(z3::context& ctx) : ctx_(&ctx) {
    Shared& s = shared();
    std::lock_guard<std::mutex> lock(s.mutex);
    s.contexts.push_back(ctx_);
}

InterruptOnMemoryLimit::~InterruptOnMemoryLimit() {
    Shared& s = shared();
    std::lock_guard<std::mutex> lock(s.mutex);
    s.contexts.erase(std::find(s.contexts.begin(), s.contexts.end(), ctx_));
}

} // namespace atscheck
