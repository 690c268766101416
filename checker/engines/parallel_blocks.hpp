// Runs a job on numbered blocks with one thread per worker, each thread
// taking the next block until none is left. The caller's thread is the
// first worker. The explicit engine calls it a few thousand times per
// search; a thread start costs tens of microseconds, so no pool is kept.
// An exception in any thread is rethrown here once every thread has stopped.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace atscheck {

template <class Worker, class Job>
void parallel_blocks(std::vector<Worker>& workers, size_t blocks, Job&& job) {
    std::atomic<size_t> next{0};
    std::exception_ptr error;
    std::mutex error_lock;
    auto run = [&](Worker& w) {
        try {
            for (size_t b; (b = next++) < blocks;)
                job(w, b);
        } catch (...) {
            next = blocks; // the others stop after their current block
            const std::lock_guard<std::mutex> hold(error_lock);
            if (!error)
                error = std::current_exception();
        }
    };
    std::vector<std::thread> helpers;
    for (size_t t = 1; t < workers.size() && t < blocks; ++t)
        helpers.emplace_back(run, std::ref(workers[t]));
    run(workers[0]);
    for (std::thread& h : helpers)
        h.join();
    if (error)
        std::rethrow_exception(error);
}

} // namespace atscheck
