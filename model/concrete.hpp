// The concrete interpretation: plain bool/int state, `when` is an `if`, and a
// nondeterministic choice is read from a script that the caller enumerates.
// Used by the explicit engine, random simulation and trace replay.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "model/actions.hpp"

namespace atscheck {

struct Concrete {
    using Bool = bool;
    using Int = int;
};
using ConcreteState = State<Concrete>;

// One thing the kernel did during a step, for the text view of a trace and
// the reports. Enter marks a function being entered, with `depth` the number
// of frames already on the stack (0: called from outside); Call its return;
// ConfigWrite a write to the device's config space (the ATS Control
// register); Message a dev_err() or similar. Reports draw these as they are:
// the model decides what the kernel did, never the report.
struct KernelEvent {
    enum class Kind { Enter, Call, Warn, Message, ConfigWrite };
    Kind kind = Kind::Call;
    std::string function;               // Enter, Call: its name
    const KernelFunction* fn = nullptr; // Enter, Call: its file and component
    std::string text;                   // Message, ConfigWrite
    int depth = 0;                      // for Enter
    bool has_ret = false;
    int ret = 0;
    std::string reason;             // why a call failed, when it did
    WarnSite site{};                // for Warn
    std::vector<std::string> chain; // for Warn: callers, innermost first
};

// A named nondeterministic choice taken inside a step (e.g. enable_fails).
struct Pick {
    std::string name;
    bool value;
    bool operator==(const Pick&) const = default;
};

// The choices of one step: values are read in order; a choice asked past the
// end is appended as false, so callers can enumerate every combination.
struct ChoiceScript {
    std::vector<bool> values;
    std::vector<const char*> names;
    size_t next = 0;
};

class ConcreteContext {
  public:
    using Bool = bool;
    using Int = int;

    ConcreteState& s;

    explicit ConcreteContext(ConcreteState& state, ChoiceScript* choices = nullptr,
                             std::vector<KernelEvent>* log = nullptr)
        : s(state), choices_(choices), log_(log) {}

    Bool lit(bool b) const { return b; }
    Int num(int v) const { return v; }
    Int ite(Bool c, Int a, Int b) const { return c ? a : b; }
    template <class F> void when(Bool c, F&& f) {
        if (c)
            f();
    }
    template <class F> Int call_if(Bool c, F&& f, Int otherwise) { return c ? f() : otherwise; }

    // A choice only branches where `guard` holds; elsewhere it is false.
    Bool choose(const char* name, Bool guard);

    // A branch point of a kernel function (model/branches.hpp): returns `c`,
    // counting it when the caller asked for coverage.
    Bool branch(Branch b, Bool c) {
        if (branches_)
            branches_->record(b, c);
        return c;
    }
    void count_branches(BranchCounts* counts) { branches_ = counts; }

    // The text of the first condition that holds, for the trace's story.
    const char* reason(std::initializer_list<std::pair<Bool, const char*>> cases) const {
        for (const auto& [cond, text] : cases)
            if (cond)
                return text;
        return nullptr;
    }

    // A call frame, for the call chain of a WARN; popped when it goes out of scope.
    class Frame {
      public:
        Frame(ConcreteContext* x, bool pushed) : x_(x), pushed_(pushed) {}
        Frame(Frame&& o) noexcept : x_(o.x_), pushed_(o.pushed_) { o.pushed_ = false; }
        Frame(const Frame&) = delete;
        Frame& operator=(const Frame&) = delete;
        Frame& operator=(Frame&&) = delete;
        ~Frame() {
            if (pushed_)
                x_->stack_.pop_back();
        }

      private:
        ConcreteContext* x_;
        bool pushed_;
    };
    Frame enter(const KernelFunction* function) {
        if (!log_ || !function)
            return Frame(this, false);
        log_enter(*function);
        stack_.push_back(function->name);
        return Frame(this, true);
    }

    void warn(const WarnSite& site);
    void log_call(const KernelFunction& function, Int ret, const char* reason);
    void log_void(const KernelFunction& function);
    void config_write(const char* what);
    // A dev_err() or similar kernel message; `text()` is only built when logging.
    template <class F> void log_message(F&& text) {
        if (log_)
            log_message_text(text());
    }

  private:
    void log_message_text(std::string text);
    void log_enter(const KernelFunction& function);

    ChoiceScript* choices_;
    std::vector<KernelEvent>* log_;
    BranchCounts* branches_ = nullptr;
    std::vector<const char*> stack_;
};

// Every initial state of the scenario (one per combination of "any" values).
std::vector<ConcreteState> initial_states(const System& sys);

// Runs every outcome of enabled action `a` from `pre`: visit(post, script) once per
// combination of the step's choices. `post` is scratch, reused between calls.
// With `branches`, counts the branch points each outcome evaluates.
template <class Visit>
void for_each_outcome(const System& sys, const ConcreteState& pre, const ActionInstance& a,
                      ConcreteState& post, Visit&& visit, BranchCounts* branches = nullptr) {
    ChoiceScript script;
    for (;;) {
        post = pre;
        script.next = 0;
        ConcreteContext x(post, &script);
        x.count_branches(branches);
        apply_action(x, sys, a);
        script.values.resize(script.next);
        script.names.resize(script.next);
        visit(post, script);
        while (!script.values.empty() && script.values.back()) {
            script.values.pop_back();
            script.names.pop_back();
        }
        if (script.values.empty())
            return;
        script.values.back() = true;
    }
}

// The picks a script made, as named values.
std::vector<Pick> picks_of(const ChoiceScript& script);

// Runs one step with the given picks; returns false (state unspecified) when the
// action is not enabled or the picks do not match the choices the step asks for.
bool run_step(const System& sys, ConcreteState& state, const ActionInstance& a,
              const std::vector<Pick>& picks, std::vector<KernelEvent>* log = nullptr);

} // namespace atscheck
