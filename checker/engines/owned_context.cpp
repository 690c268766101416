#include "checker/engines/owned_context.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace atscheck {

namespace {

// One thread deletes the contexts handed to it, in order. A process that
// ends normally waits for it (the destructor joins), so nothing leaks under
// the sanitizers; the command line skips that wait.
class Reaper {
  public:
    ~Reaper() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable())
            thread_.join();
    }

    void take(z3::context* ctx) {
        std::unique_lock<std::mutex> lock(mutex_);
        // Back-pressure: a sweep that makes contexts faster than they are
        // deleted deletes them itself rather than piling them up in memory.
        if (queue_.size() >= 2) {
            lock.unlock();
            delete ctx;
            return;
        }
        queue_.push_back(ctx);
        if (!thread_.joinable())
            thread_ = std::thread([this] { run(); });
        lock.unlock();
        wake_.notify_one();
    }

  private:
    void run() {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty())
                return; // stopping, and nothing left
            z3::context* ctx = queue_.front();
            queue_.pop_front();
            lock.unlock();
            delete ctx;
            lock.lock();
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<z3::context*> queue_;
    bool stopping_ = false;
    std::thread thread_;
};

Reaper& reaper() {
    static Reaper instance; // made after Z3's statics, so destroyed before them
    return instance;
}

} // namespace

void DeleteInBackground::operator()(z3::context* ctx) const {
    reaper().take(ctx);
}

OwnedContext make_owned_context() {
    reaper(); // constructed before any context it may outlive
    return OwnedContext(new z3::context);
}

} // namespace atscheck
