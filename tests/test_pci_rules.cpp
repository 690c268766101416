// The PCI helper rules of model-spec section 3, one by one, on the concrete model.
#include <catch2/catch.hpp>

#include "model/concrete.hpp"

using namespace atscheck;

namespace {

// A PF (0) and its VF (1) behind an SMMU with STU 12; a paging and a blocked domain.
System pf_vf(const Revision& rev, bool inject = false) {
    Scenario s;
    s.name = "unit";
    s.devices = {Device{"0000:01:00.0", std::nullopt, 12, "smmu0"},
                 Device{"0000:01:00.1", 0, 12, "smmu0"}};
    s.domains = {Domain{"dma", DomainKind::Paging}, Domain{"blocked", DomainKind::Blocked}};
    s.inject_enable_faults = inject;
    s.probe_order = ProbeOrder::LateSmmu; // the PCI rules, in any probe order
    return System{rev, s};
}

Revision baseline() {
    return Revision{};
}
Revision series() {
    Revision r;
    r.ats_supported = AtsSupported::PfAware;
    r.prepare_vf = PrepareVf::ValidateStu;
    r.probe_prepare = ProbePrepare::SupportedFailProbe;
    r.enable_failure = EnableFailure::Warn;
    return r;
}

ConcreteState start(const System& sys, bool pf_cap = true, bool vf_cap = true) {
    ConcreteState s = initial_states(sys).front();
    s.pdev[0].ats_cap = pf_cap;
    s.pdev[1].ats_cap = vf_cap;
    return s;
}

constexpr int kPF = 0, kVF = 1;

} // namespace

TEST_CASE("pci_ats_supported: own capability, trust, and PF-awareness") {
    auto sys = pf_vf(baseline());
    ConcreteState s = start(sys, /*pf_cap=*/false);
    ConcreteContext x(s);
    CHECK(pci_ats_supported(x, sys, kVF)); // before 4f2cd6091ac4 the PF is not looked at
    CHECK_FALSE(pci_ats_supported(x, sys, kPF));
    sys.revision = series();
    CHECK_FALSE(pci_ats_supported(x, sys, kVF)); // PF-aware
    s.pdev[0].ats_cap = true;
    CHECK(pci_ats_supported(x, sys, kVF));
    s.pdev[1].untrusted = true;
    CHECK_FALSE(pci_ats_supported(x, sys, kVF));
}

TEST_CASE("pci_prepare_ats") {
    auto sys = pf_vf(baseline());
    SECTION("not supported: -EINVAL") {
        ConcreteState s = start(sys, false);
        ConcreteContext x(s);
        CHECK(pci_prepare_ats(x, sys, kPF, 12) == -kEINVAL);
        CHECK(s.pdev[kPF].ats_stu == 0);
    }
    SECTION("a PF gets its STU programmed") {
        ConcreteState s = start(sys);
        ConcreteContext x(s);
        CHECK(pci_prepare_ats(x, sys, kPF, 12) == 0);
        CHECK(s.pdev[kPF].ats_stu == 12);
    }
    SECTION("ATS already enabled: WARN at ats.c:67, -EBUSY") {
        ConcreteState s = start(sys);
        s.pdev[kPF].ats_enabled = true;
        ConcreteContext x(s);
        CHECK(pci_prepare_ats(x, sys, kPF, 12) == -kEBUSY);
        CHECK(s.flags.warn_prepare);
    }
    SECTION("a VF before 6fd7c5c81af2: a no-op that returns 0 whatever the PF's STU") {
        ConcreteState s = start(sys);
        ConcreteContext x(s);
        CHECK(pci_prepare_ats(x, sys, kVF, 12) == 0);
        CHECK(s.pdev[kVF].ats_stu == 0);
    }
    SECTION("a VF after 6fd7c5c81af2: -EINVAL unless the PF's STU matches") {
        sys.revision = series();
        ConcreteState s = start(sys);
        ConcreteContext x(s);
        CHECK(pci_prepare_ats(x, sys, kVF, 12) == -kEINVAL);
        s.pdev[kPF].ats_stu = 12;
        CHECK(pci_prepare_ats(x, sys, kVF, 12) == 0);
        CHECK(s.pdev[kVF].ats_stu == 0);
    }
}

TEST_CASE("pci_enable_ats") {
    auto sys = pf_vf(baseline());
    SECTION("not supported: -EINVAL, nothing changes") {
        ConcreteState s = start(sys, true, false);
        ConcreteContext x(s);
        CHECK(pci_enable_ats(x, sys, kVF, 12) == -kEINVAL);
        CHECK_FALSE(s.pdev[kVF].ats_enabled);
    }
    SECTION("a PF: programs the STU and sets ats_enabled") {
        ConcreteState s = start(sys);
        ConcreteContext x(s);
        CHECK(pci_enable_ats(x, sys, kPF, 12) == 0);
        CHECK(s.pdev[kPF].ats_enabled);
        CHECK(s.pdev[kPF].ats_stu == 12);
    }
    SECTION("already enabled: WARN at ats.c:98, -EBUSY") {
        ConcreteState s = start(sys);
        s.pdev[kPF].ats_enabled = true;
        ConcreteContext x(s);
        CHECK(pci_enable_ats(x, sys, kPF, 12) == -kEBUSY);
        CHECK(s.flags.warn_enable);
    }
    SECTION("a VF: -EINVAL while the PF's ats_stu differs; checks only the STU, not the PF's ATS") {
        ConcreteState s = start(sys);
        ConcreteContext x(s);
        CHECK(pci_enable_ats(x, sys, kVF, 12) == -kEINVAL);
        CHECK_FALSE(s.pdev[kVF].ats_enabled);
        s.pdev[kPF].ats_stu = 12;
        CHECK(pci_enable_ats(x, sys, kVF, 12) == 0);
        CHECK(s.pdev[kVF].ats_enabled);
        CHECK_FALSE(s.pdev[kPF].ats_enabled);
        CHECK(s.pdev[kVF].ats_stu == 0); // a VF's own STU is never written
    }
    // Injection hits the attach_commit action only (model-spec-2 A3).
    SECTION("injected faults: a call that would succeed may also fail with -EIO") {
        sys = pf_vf(baseline(), /*inject=*/true);
        int outcomes = 0, failures = 0;
        ConcreteState s0 = start(sys);
        REQUIRE(run_step(sys, s0, {ActionKind::Probe, kPF}, {}));
        REQUIRE(run_step(sys, s0, {ActionKind::AttachPrepare, kPF, 0}, {}));
        ConcreteState post = s0;
        for_each_outcome(sys, s0, ActionInstance{ActionKind::AttachCommit, kPF}, post,
                         [&](const ConcreteState& s, const ChoiceScript& c) {
                             ++outcomes;
                             REQUIRE(c.values.size() == 1);
                             CHECK(std::string(c.names[0]) == "enable_fails");
                             CHECK(s.pdev[kPF].ats_enabled == !c.values[0]);
                             failures += c.values[0];
                         });
        CHECK(outcomes == 2);
        CHECK(failures == 1);
    }
    SECTION("injected faults: no extra choice where the call fails anyway") {
        sys = pf_vf(baseline(), /*inject=*/true);
        int outcomes = 0;
        ConcreteState s0 = start(sys, false, true);
        REQUIRE(run_step(sys, s0, {ActionKind::Probe, kVF}, {}));
        REQUIRE(run_step(sys, s0, {ActionKind::AttachPrepare, kVF, 0}, {}));
        ConcreteState post = s0;
        for_each_outcome(sys, s0, ActionInstance{ActionKind::AttachCommit, kVF}, post,
                         [&](const ConcreteState&, const ChoiceScript& c) {
                             ++outcomes;
                             CHECK(c.values.empty());
                         });
        CHECK(outcomes == 1);
    }
}

TEST_CASE("pci_disable_ats") {
    auto sys = pf_vf(baseline());
    ConcreteState s = start(sys);
    ConcreteContext x(s);
    pci_disable_ats(x, sys, kPF);
    CHECK(s.flags.warn_disable); // WARN_ON(!dev->ats_enabled) at ats.c:132
    CHECK_FALSE(s.pdev[kPF].ats_enabled);
    ConcreteState on = start(sys);
    on.pdev[kPF].ats_enabled = true;
    ConcreteContext y(on);
    pci_disable_ats(y, sys, kPF);
    CHECK_FALSE(on.flags.warn_disable);
    CHECK_FALSE(on.pdev[kPF].ats_enabled);
}

TEST_CASE("attach_commit: rollback undoes the prediction, warn and dev_err keep it") {
    for (auto policy : {EnableFailure::DevErr, EnableFailure::Warn, EnableFailure::Rollback}) {
        Revision rev;
        rev.enable_failure = policy;
        const auto sys = pf_vf(rev);
        ConcreteState s = start(sys, /*pf_cap=*/false);
        for (auto a : {ActionInstance{ActionKind::Probe, kVF},
                       ActionInstance{ActionKind::AttachPrepare, kVF, 0},
                       ActionInstance{ActionKind::AttachCommit, kVF}})
            REQUIRE(run_step(sys, s, a, {}));
        CHECK(s.flags.enable_failed);
        const bool rolled_back = policy == EnableFailure::Rollback;
        CHECK(s.master[kVF].ats_enabled == !rolled_back);
        CHECK(s.domain[0].nr_ats_masters == (rolled_back ? 0 : 1));
        CHECK(s.domain[0].ats_invs[kVF] == (rolled_back ? 0 : 1));
        CHECK(s.domain[0].devices[kVF] == 1); // attached either way
    }
}

TEST_CASE("guards: the IOMMU core and the asid lock") {
    const auto sys = pf_vf(baseline());
    ConcreteState s = start(sys);
    REQUIRE(run_step(sys, s, {ActionKind::Probe, kPF}, {}));
    REQUIRE(run_step(sys, s, {ActionKind::Probe, kVF}, {}));
    REQUIRE(run_step(sys, s, {ActionKind::AttachPrepare, kPF, 0}, {}));
    ConcreteContext x(s);
    CHECK_FALSE(action_enabled(x, sys, {ActionKind::AttachPrepare, kVF, 0})); // lock: global
    CHECK_FALSE(action_enabled(x, sys, {ActionKind::Release, kPF}));          // mid-attach
    REQUIRE(run_step(sys, s, {ActionKind::AttachCommit, kPF}, {}));
    CHECK_FALSE(action_enabled(x, sys, {ActionKind::AttachPrepare, kPF, 0})); // already on dma
    CHECK_FALSE(action_enabled(x, sys, {ActionKind::Release, kPF})); // not on the blocked domain
    CHECK(action_enabled(x, sys, {ActionKind::AttachPrepare, kVF, 0}));
}
