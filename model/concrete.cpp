#include "model/concrete.hpp"

namespace atscheck {

ConcreteContext::Bool ConcreteContext::choose(const char* name, Bool guard) {
    if (!guard || !choices_)
        return false;
    ChoiceScript& c = *choices_;
    if (c.next == c.values.size()) {
        c.values.push_back(false);
        c.names.push_back(name);
    } else {
        c.names[c.next] = name;
    }
    return c.values[c.next++];
}

void ConcreteContext::warn(const WarnSite& site) {
    if (!log_)
        return;
    KernelEvent e;
    e.kind = KernelEvent::Kind::Warn;
    e.function = site.function->name;
    e.fn = site.function;
    e.site = site;
    // The innermost frame is the WARNing function itself.
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it)
        e.chain.emplace_back(*it);
    log_->push_back(std::move(e));
}

void ConcreteContext::log_call(const KernelFunction& function, Int ret, const char* reason) {
    if (!log_)
        return;
    KernelEvent e;
    e.kind = KernelEvent::Kind::Call;
    e.function = function.name;
    e.fn = &function;
    e.has_ret = true;
    e.ret = ret;
    if (ret != 0 && reason)
        e.reason = reason;
    log_->push_back(std::move(e));
}

void ConcreteContext::log_void(const KernelFunction& function) {
    if (!log_)
        return;
    KernelEvent e;
    e.kind = KernelEvent::Kind::Call;
    e.function = function.name;
    e.fn = &function;
    log_->push_back(std::move(e));
}

void ConcreteContext::config_write(const char* what) {
    if (!log_)
        return;
    KernelEvent e;
    e.kind = KernelEvent::Kind::ConfigWrite;
    e.text = what;
    log_->push_back(std::move(e));
}

void ConcreteContext::log_enter(const KernelFunction& function) {
    KernelEvent e;
    e.kind = KernelEvent::Kind::Enter;
    e.function = function.name;
    e.fn = &function;
    e.depth = static_cast<int>(stack_.size());
    log_->push_back(std::move(e));
}

void ConcreteContext::log_message_text(std::string text) {
    KernelEvent e;
    e.kind = KernelEvent::Kind::Message;
    e.text = std::move(text);
    log_->push_back(std::move(e));
}

namespace {
std::vector<bool> init_values(InitBool v) {
    switch (v) {
    case InitBool::False:
        return {false};
    case InitBool::True:
        return {true};
    case InitBool::Any:
        return {false, true};
    }
    return {};
}
} // namespace

std::vector<ConcreteState> initial_states(const System& sys) {
    const int n = sys.num_devices();
    ConcreteState base = shaped_state<Concrete>(n, sys.num_domains(), false, 0);
    // Every domain reference starts at none, every other field at 0/false.
    visit_fields(
        [](const FieldRef& at, auto& v) {
            if (at.spec->kind == FieldKind::DomainRef)
                v = kNoDomain;
        },
        base);
    std::vector<ConcreteState> out{base};
    for (int d = 0; d < n; ++d) {
        const Device& dev = sys.scenario.devices[d];
        std::vector<ConcreteState> next;
        for (const auto& s : out)
            for (bool cap : init_values(dev.ats_cap))
                for (bool untrusted : init_values(dev.untrusted)) {
                    ConcreteState t = s;
                    t.pdev[d].ats_cap = cap;
                    t.pdev[d].untrusted = untrusted;
                    next.push_back(std::move(t));
                }
        out = std::move(next);
    }
    return out;
}

std::vector<Pick> picks_of(const ChoiceScript& script) {
    std::vector<Pick> out;
    for (size_t i = 0; i < script.values.size(); ++i)
        out.push_back({script.names[i], script.values[i]});
    return out;
}

bool run_step(const System& sys, ConcreteState& state, const ActionInstance& a,
              const std::vector<Pick>& picks, std::vector<KernelEvent>* log) {
    {
        ConcreteContext guard(state);
        if (!action_enabled(guard, sys, a))
            return false;
    }
    ChoiceScript script;
    for (const auto& p : picks)
        script.values.push_back(p.value);
    script.names.assign(picks.size(), nullptr);
    ConcreteContext x(state, &script, log);
    apply_action(x, sys, a);
    if (script.next != picks.size())
        return false;
    for (size_t i = 0; i < picks.size(); ++i)
        if (picks[i].name != script.names[i])
            return false;
    return true;
}

} // namespace atscheck
