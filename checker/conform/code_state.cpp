#include "checker/conform/code_state.hpp"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "model/kernel_site.hpp"

namespace atscheck {

CodeState parse_code_state(const nlohmann::json& j) {
    CodeState c;
    for (const auto& p : j.at("pdev"))
        c.pdev.push_back({p.at(0).get<int>() != 0, p.at(1).get<int>() != 0, p.at(2).get<int>(),
                          p.at(3).get<int>() != 0});
    for (const auto& m : j.at("master"))
        c.master.push_back({m.at(0).get<int>() != 0, m.at(1).get<int>() != 0, m.at(2).get<int>(),
                            m.at(3).get<int>() != 0, m.at(4).get<int>(), m.at(5).get<int>() != 0,
                            m.at(6).get<int>(), m.at(7).get<int>()});
    for (const auto& d : j.at("domain")) {
        CodeState::Domain dom;
        if (!d.is_null()) {
            dom.tracked = true;
            dom.nr_ats_masters = d.at("nr_ats_masters").get<int>();
            for (const auto& e : d.at("devices"))
                dom.devices.push_back(
                    {e.at(0).get<int>(), e.at(1).get<int>(), e.at(2).get<int>() != 0});
            if (d.contains("invs")) {
                dom.has_invs = true;
                for (const auto& e : d.at("invs"))
                    dom.invs.push_back(
                        {e.at(0).get<int>(), e.at(1).get<int>(), e.at(2).get<int>()});
            }
        }
        c.domain.push_back(std::move(dom));
    }
    c.probe_failed = j.at("probe_failed").get<int>() != 0;
    if (j.contains("driver"))
        c.driver = j.at("driver").get<std::vector<std::vector<int>>>();
    for (const auto& e : j.at("events")) {
        CodeEvent ev{e.at(0).get<std::string>(), "", 0, ""};
        if (ev.kind == "stub") {
            ev.function = e.at(1).get<std::string>();
        } else if (ev.kind == "set") {
            ev.record = e.at(1).get<std::string>();
            ev.index = e.at(2).get<int>();
            ev.member = e.at(3).get<std::string>();
            ev.function = e.at(4).get<std::string>();
        } else if (e.size() >= 4 && e.at(1).is_string()) {
            ev.file = e.at(1).get<std::string>();
            ev.line = e.at(2).get<int>();
            ev.function = e.at(3).is_string() ? e.at(3).get<std::string>() : "";
            if (e.size() >= 5 && e.at(4).is_array())
                ev.chain = e.at(4).get<std::vector<std::string>>();
        }
        c.events.push_back(std::move(ev));
    }
    if (c.pdev.size() != c.master.size())
        throw std::runtime_error("a dump with " + std::to_string(c.pdev.size()) +
                                 " PCI functions and " + std::to_string(c.master.size()) +
                                 " masters");
    return c;
}

void CodeHistory::add(const CodeState& step) {
    for (const auto& e : step.events) {
        if (e.kind != "warn" && e.kind != "enable_failed")
            continue;
        const bool seen = std::any_of(events.begin(), events.end(), [&](const CodeEvent& k) {
            return k.kind == e.kind && k.file == e.file && k.line == e.line &&
                   k.function == e.function;
        });
        if (!seen)
            events.push_back(e);
    }
}

namespace {

bool warned_in(const CodeHistory& path, const KernelFunction& fn) {
    return std::any_of(path.events.begin(), path.events.end(), [&](const CodeEvent& e) {
        return e.kind == "warn" && e.file == kAtsFile && e.function == fn.name;
    });
}

bool any(const CodeHistory& path, const char* kind) {
    return std::any_of(path.events.begin(), path.events.end(),
                       [&](const CodeEvent& e) { return e.kind == kind; });
}

// Which of master d's entries on domain D carry its ATS. The 6.12
// master_domain has no ATS bit of its own: arm_smmu_atc_inv_domain()
// invalidates an entry when its master's ats_enabled is set (612c:2119-2132),
// as the harness read it through the entry (a released master's entries keep
// the master they had).
// Between prepare and commit the entry prepare just added (list_add puts it
// first) belongs to the new attachment, whose ATS is state->ats_enabled until
// commit writes it to master->ats_enabled (612c:2801).
int entries_with_ats(const CodeState& code, int D, int d, bool pasid) {
    // The invalidation-array era says so itself: the users of the master's
    // ATS entries in smmu_domain->invs (900c:2696-2704 invalidates those).
    if (code.domain[D].has_invs) {
        int users = 0;
        for (const auto& e : code.domain[D].invs)
            if (e.master == d && (e.ssid != 0) == pasid)
                users += e.users;
        return users;
    }
    const auto& m = code.master[d];
    int n = 0;
    bool newest = true;
    for (const auto& e : code.domain[D].devices) {
        if (e.master != d || (e.ssid != 0) != pasid)
            continue;
        const bool pending = newest && !pasid && m.prepared && m.pending_domain == D;
        n += pending ? m.pending_ats : e.master_ats;
        newest = false;
    }
    return n;
}

int entries(const CodeState& code, int D, int d, bool pasid) {
    const auto& list = code.domain[D].devices;
    return static_cast<int>(std::count_if(list.begin(), list.end(), [&](const auto& e) {
        return e.master == d && (e.ssid != 0) == pasid;
    }));
}

} // namespace

ConcreteState abstract(const System& sys, const CodeState& code, const CodeHistory& path) {
    const int n_dev = sys.num_devices(), n_dom = sys.num_domains();
    if (static_cast<int>(code.pdev.size()) != n_dev ||
        static_cast<int>(code.domain.size()) != n_dom)
        throw std::runtime_error("the harness dumped a system of another size");
    ConcreteState s = shaped_state<Concrete>(n_dev, n_dom, false, 0);
    for (int d = 0; d < n_dev; ++d) {
        const auto& p = code.pdev[d];
        s.pdev[d].ats_cap = p.cap;
        s.pdev[d].untrusted = p.untrusted;
        s.pdev[d].ats_stu = p.stu;
        s.pdev[d].ats_enabled = p.enabled;
        const auto& c = code.master[d];
        auto& m = s.master[d];
        m.probed = c.probed;
        m.ats_enabled = c.ats_enabled;
        m.domain = c.domain;
        m.prepared = c.prepared;
        m.pending_domain = c.pending_domain;
        m.pending_ats = c.pending_ats;
        m.ops = sys.scenario.counts_ops() ? c.ops : 0;
        m.pasid_domain = c.pasid_domain;
        m.saved_domain = m.saved_pasid = kNoDomain;
    }
    for (int D = 0; D < n_dom; ++D) {
        auto& dom = s.domain[D];
        dom.nr_ats_masters = code.domain[D].nr_ats_masters;
        for (int d = 0; d < n_dev; ++d) {
            dom.devices[d] = entries(code, D, d, false);
            dom.ats_invs[d] = entries_with_ats(code, D, d, false);
            dom.pasid_devices[d] = entries(code, D, d, true);
            dom.pasid_invs[d] = entries_with_ats(code, D, d, true);
        }
    }
    s.flags.warn_disable = warned_in(path, kfn::pci_disable_ats);
    s.flags.warn_enable = warned_in(path, kfn::pci_enable_ats);
    s.flags.warn_prepare = warned_in(path, kfn::pci_prepare_ats);
    s.flags.enable_failed = any(path, "enable_failed");
    s.flags.probe_failed = code.probe_failed;
    return s;
}

} // namespace atscheck
