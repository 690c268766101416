// Runs a job on numbered blocks with one thread per worker, each thread
// taking the next block until none is left. BackgroundBlocks starts the
// helper threads at once and lets the calling thread do something else before
// it joins in (finish()): the explicit engine inserts one window's states
// while the helpers expand the next. The explicit engine starts a few thousand
// of these per search; a thread start costs tens of microseconds, so no pool
// is kept. An exception in any thread is rethrown by finish() once every
// thread has stopped.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace atscheck {

template <class Worker> class BackgroundBlocks {
  public:
    using Job = std::function<void(Worker&, size_t)>;

    // Starts workers[1..] on the blocks; workers[0] is the caller's, for finish().
    BackgroundBlocks(std::vector<Worker>& workers, size_t blocks, Job job)
        : workers_(workers), blocks_(blocks), job_(std::move(job)) {
        for (size_t t = 1; t < workers.size() && t < blocks; ++t)
            helpers_.emplace_back([this, t] { run(workers_[t]); });
    }
    BackgroundBlocks(const BackgroundBlocks&) = delete;
    BackgroundBlocks& operator=(const BackgroundBlocks&) = delete;
    ~BackgroundBlocks() {
        next_ = blocks_; // unwinding: stop taking blocks
        join();
    }

    // The caller takes blocks too until none is left, then waits for the helpers.
    void finish() {
        if (finished_)
            return;
        run(workers_[0]);
        join();
        finished_ = true;
        if (error_)
            std::rethrow_exception(error_);
    }

  private:
    void run(Worker& w) {
        try {
            for (size_t b; (b = next_++) < blocks_;)
                job_(w, b);
        } catch (...) {
            next_ = blocks_; // the others stop after their current block
            const std::lock_guard<std::mutex> hold(error_lock_);
            if (!error_)
                error_ = std::current_exception();
        }
    }
    void join() {
        for (std::thread& h : helpers_)
            if (h.joinable())
                h.join();
    }

    std::vector<Worker>& workers_;
    const size_t blocks_;
    const Job job_;
    std::atomic<size_t> next_{0};
    std::exception_ptr error_;
    std::mutex error_lock_;
    std::vector<std::thread> helpers_;
    bool finished_ = false;
};

// Every block done on every worker, the caller's thread among them.
template <class Worker, class Job>
void parallel_blocks(std::vector<Worker>& workers, size_t blocks, Job&& job) {
    BackgroundBlocks<Worker>(workers, blocks, std::forward<Job>(job)).finish();
}

} // namespace atscheck
