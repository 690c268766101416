// A run's time limit, shared by the phases of an engine: how much is left, and
// the solver timeout that keeps one check from overrunning it. The memory
// limit (checker/limits/memory_limit.hpp) also ends the run, so expired() covers both.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include <string>

#include <z3++.h>

#include "checker/engines/settled_flags.hpp"
#include "checker/limits/memory_limit.hpp"

namespace atscheck {

class Deadline {
  public:
    // In a portfolio, `settled` ends the run too once every property is settled.
    explicit Deadline(std::optional<double> seconds, const SettledFlags* settled = nullptr)
        : start_(std::chrono::steady_clock::now()), seconds_(seconds), settled_(settled) {}

    double elapsed() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }
    bool expired() const {
        return (seconds_ && elapsed() >= *seconds_) || memory_limit_reached() ||
               all_settled(settled_);
    }
    // Why expired() holds, e.g. "time limit reached".
    std::string why() const {
        if (memory_limit_reached())
            return memory_limit_reason();
        return all_settled(settled_) ? "every property settled by another engine"
                                     : "time limit reached";
    }

    // Caps the solver's next check at the time left, and at `cap` seconds when
    // given (Z3 answers unknown then). Without either, the check is unlimited.
    // After expiry (or the memory limit) the check gives up at once.
    void limit(z3::solver& s, std::optional<double> cap = std::nullopt) const {
        std::optional<double> left = cap;
        if (memory_limit_reached() || all_settled(settled_))
            left = 0.001;
        if (seconds_)
            left = std::min(left.value_or(*seconds_), std::max(0.001, *seconds_ - elapsed()));
        s.set("timeout", left ? static_cast<unsigned>(std::max(1.0, *left * 1000)) : 4294967295u);
    }

  private:
    std::chrono::steady_clock::time_point start_;
    std::optional<double> seconds_;
    const SettledFlags* settled_;
};

// A check's answer, or unknown once the run has expired. Every way a run
// expires (the watchdog, the memory limit, the portfolio) may interrupt the
// context at any moment, also while assertions are being added, which Z3 then
// leaves half-processed: after that neither sat nor unsat can be trusted. The
// conditions only ever become true, so testing after the check is enough.
inline z3::check_result unless_expired(const Deadline& deadline, z3::check_result r) {
    return deadline.expired() ? z3::unknown : r;
}

// Why a solver answered unknown: a limit when one interrupted it (Z3 then
// says only "canceled"), else the solver's own reason.
inline std::string unknown_cause(const Deadline& deadline, const z3::solver& s) {
    return deadline.expired() ? deadline.why() : s.reason_unknown();
}

// Interrupts every solver of `ctx` when the deadline passes, for engines (such
// as Spacer) that do not always honour a solver timeout. Stops on destruction.
class Watchdog {
  public:
    Watchdog(z3::context& ctx, std::optional<double> seconds) {
        if (!seconds)
            return;
        thread_ = std::thread([this, &ctx, seconds] {
            std::unique_lock<std::mutex> lock(mutex_);
            if (!cv_.wait_for(lock, std::chrono::duration<double>(*seconds),
                              [this] { return done_; })) {
                fired_ = true;
                ctx.interrupt();
            }
        });
    }
    ~Watchdog() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done_ = true;
        }
        cv_.notify_all();
        if (thread_.joinable())
            thread_.join();
    }
    bool fired() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return fired_;
    }

  private:
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    bool done_ = false, fired_ = false;
    std::thread thread_;
};

} // namespace atscheck
