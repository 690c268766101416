// The state of a tree's compiled SMMU slice after a step, as the harness
// dumps it (checker/conform/stub/atscheck_smmu_harness.c), and the one
// abstraction from it onto the model's fields. Conformance, the lockstep and
// the reports read the code through abstract() and nothing else.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "model/concrete.hpp"

namespace atscheck {

// Something the code did during a step: a WARN, a dev_err, a failed
// pci_enable_ats, a lock taken while held, a stub called, a watched value
// set. `file` and `line` are the tree's.
struct CodeEvent {
    std::string kind; // warn, dev_err, dev_warn, enable_failed, lock, stub, set, ...
    std::string file;
    int line = 0;
    std::string function; // the function it happened in, or the stub called
    // set: what changed, as record[index].member (pdev, master or domain)
    std::string record, member;
    int index = -1;
    std::vector<std::string> chain; // warn: the tree's functions then running, innermost first
};

struct CodeState {
    struct Pdev {
        bool cap = false, untrusted = false;
        int stu = 0;
        bool enabled = false;
    };
    struct Master {
        bool probed = false, ats_enabled = false;
        int domain = kNoDomain; // -2: a domain the scenario does not have
        bool prepared = false;  // an attach stopped before arm_smmu_attach_commit()
        int pending_domain = kNoDomain;
        bool pending_ats = false; // that attach's state->ats_enabled
        int ops = 0;
        int pasid_domain = kNoDomain; // the core's domain of the PASID
    };
    // A domain with a devices list (paging); an untracked one has none.
    struct Domain {
        bool tracked = false;
        int nr_ats_masters = 0;
        struct Entry {
            int master, ssid;
            bool master_ats; // the entry's master's ats_enabled
        };
        std::vector<Entry> devices; // in list order
        // The invalidation-array era: the ATS entries of smmu_domain->invs.
        struct AtsEntry {
            int master, ssid, users;
        };
        bool has_invs = false;
        std::vector<AtsEntry> invs;
    };
    std::vector<Pdev> pdev;
    std::vector<Master> master;
    std::vector<Domain> domain;
    bool probe_failed = false;
    // Per master, what else of it the driver reads back where the tree has
    // PASIDs (used_ssids, cd_table.in_ste, ste_ats_enabled): the code's
    // state, not read by the abstraction.
    std::vector<std::vector<int>> driver;
    std::vector<CodeEvent> events; // this step's
};

// Throws std::runtime_error on a dump the harness could not have written.
CodeState parse_code_state(const nlohmann::json& j);

// What sticks across a path: the model's event flags are sticky. Kept are
// the events they read (WARNs and failed enables), each once, so a search
// can hold one history per state.
struct CodeHistory {
    std::vector<CodeEvent> events; // in the order first seen
    void add(const CodeState& step);
};

// The abstraction: the code's state (and the events of its path so far) as
// the model's state for `sys`.
ConcreteState abstract(const System& sys, const CodeState& code, const CodeHistory& path);

} // namespace atscheck
