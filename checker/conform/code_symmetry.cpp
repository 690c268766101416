#include "checker/conform/code_symmetry.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "checker/engines/units.hpp"

namespace atscheck {

namespace {

// More renamings than this and the search goes without (fleet-6 has 720; no
// search of the code gets that far).
constexpr size_t kMaxRenamings = 720;

// The classes of alike units (units.hpp), each unit as its devices.
std::vector<std::vector<std::vector<int>>> unit_classes(const Scenario& sc) {
    const auto units = units_of(sc);
    std::vector<std::vector<std::vector<int>>> out;
    for (const auto& cls : alike_classes(sc)) {
        out.emplace_back();
        for (int u : cls)
            out.back().push_back(units[u]);
    }
    return out;
}

// Every renaming that permutes the units within each class: device ->
// new index.
std::vector<std::vector<int>> renamings(int n,
                                        const std::vector<std::vector<std::vector<int>>>& classes) {
    std::vector<int> identity(n);
    for (int d = 0; d < n; ++d)
        identity[d] = d;
    std::vector<std::vector<int>> out{identity};
    for (const auto& cls : classes) {
        std::vector<int> order(cls.size());
        for (size_t k = 0; k < order.size(); ++k)
            order[k] = static_cast<int>(k);
        std::vector<std::vector<int>> next;
        do {
            for (const auto& base : out) {
                std::vector<int> r = base;
                for (size_t k = 0; k < cls.size(); ++k)
                    for (size_t i = 0; i < cls[k].size(); ++i)
                        r[cls[k][i]] = base[cls[order[k]][i]];
                next.push_back(std::move(r));
            }
        } while (std::next_permutation(order.begin(), order.end()) && next.size() <= kMaxRenamings);
        out = std::move(next);
    }
    return out;
}

void put(std::string& key, int v) {
    if (v < -128 || v > 127)
        throw std::runtime_error("a value of the code's state past a byte: " + std::to_string(v));
    key.push_back(static_cast<char>(v));
}

int renamed(const std::vector<int>& r, int d) {
    return d >= 0 && d < static_cast<int>(r.size()) ? r[d] : d;
}

// The code's state under renaming `r`, one byte a value.
std::string encode(const CodeState& c, const std::vector<int>& r) {
    const int n = static_cast<int>(c.pdev.size());
    std::vector<int> old_of(n);
    for (int d = 0; d < n; ++d)
        old_of[r[d]] = d;
    std::string key;
    for (int i = 0; i < n; ++i) {
        const auto& p = c.pdev[old_of[i]];
        const auto& m = c.master[old_of[i]];
        for (int v : {int{p.cap}, int{p.untrusted}, p.stu, int{p.enabled}, int{m.probed},
                      int{m.ats_enabled}, m.domain, int{m.prepared}, m.pending_domain,
                      int{m.pending_ats}, m.ops, m.pasid_domain})
            put(key, v);
        if (!c.driver.empty())
            for (int v : c.driver.at(old_of[i]))
                put(key, v);
    }
    for (const auto& dom : c.domain) {
        put(key, dom.tracked ? static_cast<int>(dom.devices.size()) : -1);
        put(key, dom.nr_ats_masters);
        for (const auto& e : dom.devices) // list order is the code's history: kept
            for (int v : {renamed(r, e.master), e.ssid, int{e.master_ats}})
                put(key, v);
        std::vector<std::tuple<int, int, int>> invs; // sorted by StreamID: sorted again
        for (const auto& e : dom.invs)
            invs.emplace_back(renamed(r, e.master), e.ssid, e.users);
        std::sort(invs.begin(), invs.end());
        put(key, dom.has_invs ? static_cast<int>(invs.size()) : -1);
        for (const auto& [m, ssid, users] : invs)
            for (int v : {m, ssid, users})
                put(key, v);
    }
    put(key, c.probe_failed);
    return key;
}

} // namespace

CodeSymmetry::CodeSymmetry(const System& sys, bool reduce) {
    const auto classes =
        reduce ? unit_classes(sys.scenario) : std::vector<std::vector<std::vector<int>>>{};
    renamings_ = renamings(sys.num_devices(), classes);
    if (renamings_.size() > kMaxRenamings) {
        renamings_.resize(1); // the identity
        return;
    }
    for (const auto& c : classes)
        described_ += (described_.empty() ? "" : ", ") + std::to_string(c.size()) +
                      " interchangeable " + (c[0].size() > 1 ? "PF/VF units" : "devices");
}

std::string CodeSymmetry::key(const CodeState& code, const ConcreteState& abstraction) const {
    std::string best;
    for (const auto& r : renamings_) {
        std::string k = encode(code, r);
        if (best.empty() || k < best)
            best = std::move(k);
    }
    std::apply([&](auto... flag) { (put(best, static_cast<int>(abstraction.flags.*flag)), ...); },
               decltype(abstraction.flags)::members());
    return best;
}

} // namespace atscheck
