// Per-property flags that the engines of a portfolio share: one engine marks a
// property settled (proved or violated) and the others stop working on it.
// Once every property is settled, the engines' Z3 contexts are interrupted, so
// a long check that nobody needs any more (BMC one depth deeper, say) ends at
// once rather than when it finishes.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include <z3++.h>

namespace atscheck {

class SettledFlags {
  public:
    explicit SettledFlags(size_t n) : flags_(new std::atomic<bool>[n]), n_(n) {
        for (size_t i = 0; i < n; ++i)
            flags_[i] = false;
    }
    void settle(size_t i) {
        flags_[i] = true;
        if (!all_settled())
            return;
        std::lock_guard<std::mutex> lock(mutex_);
        for (z3::context* ctx : contexts_)
            ctx->interrupt();
    }
    bool settled(size_t i) const { return flags_[i]; }
    bool all_settled() const {
        for (size_t i = 0; i < n_; ++i)
            if (!flags_[i])
                return false;
        return true;
    }
    size_t size() const { return n_; }

    // Registers a context for interruption while alive; `flags` may be null
    // (an engine run on its own).
    class InterruptWhenAllSettled {
      public:
        InterruptWhenAllSettled(SettledFlags* flags, z3::context& ctx) : flags_(flags), ctx_(&ctx) {
            if (!flags_)
                return;
            std::lock_guard<std::mutex> lock(flags_->mutex_);
            flags_->contexts_.push_back(ctx_);
        }
        ~InterruptWhenAllSettled() {
            if (!flags_)
                return;
            std::lock_guard<std::mutex> lock(flags_->mutex_);
            std::erase(flags_->contexts_, ctx_);
        }
        InterruptWhenAllSettled(const InterruptWhenAllSettled&) = delete;
        InterruptWhenAllSettled& operator=(const InterruptWhenAllSettled&) = delete;

      private:
        SettledFlags* flags_;
        z3::context* ctx_;
    };

  private:
    std::unique_ptr<std::atomic<bool>[]> flags_;
    size_t n_;
    std::mutex mutex_;
    std::vector<z3::context*> contexts_;
};

// True when `flags` is given and every property is settled.
inline bool all_settled(const SettledFlags* flags) {
    return flags && flags->all_settled();
}

} // namespace atscheck
