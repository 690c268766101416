// --memory-limit: a sampler thread reads the process's resident set size and,
// past the limit, raises a process-wide flag and interrupts every registered
// Z3 context. Z3 4.8.12's own memory_max_size aborts the whole process with
// an uncatchable out_of_memory_error, so it is not used. Engines poll
// memory_limit_reached() where they poll their time limit, and turn what is
// still open into bounded/unknown with memory_limit_reason().
#pragma once

#include <cstddef>
#include <string>
#include <thread>

#include <z3++.h>

namespace atscheck {

// The process's resident set size in bytes (Linux /proc/self/statm; 0 elsewhere).
size_t resident_bytes();

// True once the active MemoryLimit has seen the process above its limit.
bool memory_limit_reached();
// e.g. "memory limit of 512 MB reached at a resident 530 MB"; empty when not reached.
std::string memory_limit_reason();

// Samples every 10 ms while alive; one at a time (a run's limit). The flag is
// cleared when it is destroyed, so the next run of a sweep starts afresh.
class MemoryLimit {
  public:
    explicit MemoryLimit(size_t megabytes);
    ~MemoryLimit();
    MemoryLimit(const MemoryLimit&) = delete;
    MemoryLimit& operator=(const MemoryLimit&) = delete;

  private:
    std::thread sampler_;
};

// Registers `ctx` for interruption while alive. A context registered after
// the limit was reached is not interrupted (an interrupted context throws from
// any later call); Deadline::limit() makes its checks give up at once instead.
class InterruptOnMemoryLimit {
  public:
    explicit InterruptOnMemoryLimit(z3::context& ctx);
    ~InterruptOnMemoryLimit();
    InterruptOnMemoryLimit(const InterruptOnMemoryLimit&) = delete;
    InterruptOnMemoryLimit& operator=(const InterruptOnMemoryLimit&) = delete;

  private:
    z3::context* ctx_;
};

} // namespace atscheck
