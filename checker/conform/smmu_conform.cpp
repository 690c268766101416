#include "checker/conform/smmu_conform.hpp"

#include <algorithm>
#include <filesystem>

#include "checker/input/json_fields.hpp"
#include "model/system.hpp"

namespace atscheck {

namespace fs = std::filesystem;

const std::vector<CToken>* SourceTree::tokens(const std::string& relative_file) {
    auto [it, fresh] = files_.try_emplace(relative_file);
    if (fresh) {
        const fs::path p = fs::path(dir_) / relative_file;
        if (fs::is_regular_file(p))
            it->second = tokenize_c(read_text_file(p.string()), p.string());
    }
    return it->second ? &*it->second : nullptr;
}

namespace {

using Tokens = std::vector<CToken>;

bool is(const Tokens& t, size_t i, const char* text) {
    return i < t.size() && t[i].text == text;
}

// The first call of `callee` in the body of `f`, or npos.
size_t find_call(const Tokens& t, const CFunction& f, const std::string& callee) {
    for (size_t i = f.body_begin; i + 1 < f.body_end; ++i)
        if (t[i].text == callee && t[i + 1].text == "(")
            return i;
    return std::string::npos;
}

// Where the statement holding token `i` begins.
size_t statement_start(const Tokens& t, size_t i) {
    while (i > 0 && !is(t, i - 1, ";") && !is(t, i - 1, "{") && !is(t, i - 1, "}"))
        --i;
    return i;
}

// The index just past the bracket opened at `open`.
size_t past_match(const Tokens& t, size_t open) {
    const std::string o = t[open].text, c = o == "(" ? ")" : "}";
    int depth = 0;
    for (size_t i = open; i < t.size(); ++i) {
        depth += t[i].text == o;
        depth -= t[i].text == c;
        if (depth == 0)
            return i + 1;
    }
    return t.size();
}

// The statement or block that starts at `i`: [i, end).
size_t statement_end(const Tokens& t, size_t i) {
    if (is(t, i, "{"))
        return past_match(t, i);
    while (i < t.size() && !is(t, i, ";"))
        i = is(t, i, "(") ? past_match(t, i) : i + 1;
    return std::min(i + 1, t.size());
}

bool any_of_in(const Tokens& t, size_t from, size_t to, std::initializer_list<const char*> words) {
    for (size_t i = from; i < to && i < t.size(); ++i)
        for (const char* w : words)
            if (t[i].text == w)
                return true;
    return false;
}

// `if (` at `at`: the body governed by its condition, [begin, end).
std::pair<size_t, size_t> if_body(const Tokens& t, size_t at) {
    const size_t body = past_match(t, at + 1);
    return {body, statement_end(t, body)};
}

// The first function of the file that calls `callee`, and where.
struct Site {
    std::string function;
    CFunction def;
    size_t call = std::string::npos;
    explicit operator bool() const { return call != std::string::npos; }
};

Site find_site(const Tokens& t, const std::string& callee) {
    for (const auto& [name, def] : all_functions(t))
        if (const size_t call = find_call(t, def, callee); call != std::string::npos)
            return {name, def, call};
    return {};
}

// The site a knob is read from; when there is none, k.evidence says so.
Site site_for(const Tokens& t, const char* callee, RecognisedKnob& k) {
    Site s = find_site(t, callee);
    if (!s)
        k.evidence = std::string("no function calls ") + callee;
    return s;
}

std::string at(const Site& s, const Tokens& t) {
    return s.function + ", line " + std::to_string(t[s.call].line);
}

// enable_failure: WARN around pci_enable_ats() (warn), or dev_err() under the
// `if` that tests it (dev_err). A rollback is not recognised.
RecognisedKnob enable_failure(const Tokens& t) {
    RecognisedKnob k{"enable_failure", std::nullopt, ""};
    const Site s = site_for(t, kfn::pci_enable_ats.name, k);
    if (!s)
        return k;
    const size_t start = statement_start(t, s.call);
    if (any_of_in(t, start, s.call, {"WARN_ON", "WARN_ON_ONCE", "WARN"})) {
        k.value = to_string(EnableFailure::Warn);
        k.evidence = at(s, t) + ": a WARN around pci_enable_ats()";
    } else if (is(t, start, "if")) {
        const auto [begin, end] = if_body(t, start);
        if (any_of_in(t, begin, end, {"dev_err"})) {
            k.value = to_string(EnableFailure::DevErr);
            k.evidence = at(s, t) + ": dev_err() when pci_enable_ats() fails";
        }
    }
    if (!k.value)
        k.evidence = at(s, t) + ": pci_enable_ats()'s failure is handled in a way atscheck does "
                                "not recognise (neither a WARN around it nor a dev_err under it)";
    return k;
}

// Whether pci_prepare_ats()'s result fails the probe: tested by the `if`
// around the call, or assigned and tested by the next statement, with a
// return or goto under the test.
bool result_checked(const Tokens& t, size_t call) {
    const size_t start = statement_start(t, call);
    if (any_of_in(t, start, call, {"return"}))
        return true; // handed to the caller
    if (is(t, start, "if")) {
        const auto [begin, end] = if_body(t, start);
        return any_of_in(t, begin, end, {"return", "goto"});
    }
    if (!any_of_in(t, start, call, {"="}))
        return false;
    const size_t next = statement_end(t, call);
    if (!is(t, next, "if"))
        return false;
    const auto [begin, end] = if_body(t, next);
    return any_of_in(t, begin, end, {"return", "goto"});
}

// Whether the call runs only for a supported device: inside the body of an
// `if` that tests arm_smmu_ats_supported() or pci_ats_supported(), or after an
// early exit on its negation.
bool guarded_by_support(const Tokens& t, const CFunction& f, size_t call) {
    for (size_t i = f.body_begin; i < call; ++i) {
        if (!is(t, i, "if") || !is(t, i + 1, "("))
            continue;
        const size_t cond_end = past_match(t, i + 1);
        if (!any_of_in(t, i + 1, cond_end, {"arm_smmu_ats_supported", "pci_ats_supported"}))
            continue;
        const auto [begin, end] = if_body(t, i);
        if (begin <= call && call < end)
            return true;
        if (is(t, i + 2, "!") && any_of_in(t, begin, end, {"return", "goto"}))
            return true;
    }
    return false;
}

RecognisedKnob probe_prepare(const Tokens& t) {
    RecognisedKnob k{"probe_prepare", std::nullopt, ""};
    const Site s = site_for(t, kfn::pci_prepare_ats.name, k);
    if (!s)
        return k;
    bool checked = result_checked(t, s.call);
    bool guarded = guarded_by_support(t, s.def, s.call);
    std::string via;
    // A helper of the probe (arm_smmu_master_prepare_ats() in the series):
    // its result fails the probe only if the probe tests the helper's.
    if (s.function != kfn::arm_smmu_probe_device.name) {
        const auto probe = find_function(t, kfn::arm_smmu_probe_device.name);
        const size_t call = probe ? find_call(t, *probe, s.function) : std::string::npos;
        if (call == std::string::npos) {
            k.evidence = at(s, t) + ": pci_prepare_ats() in " + s.function +
                         ", which arm_smmu_probe_device does not call";
            return k;
        }
        checked = checked && result_checked(t, call);
        guarded = guarded || guarded_by_support(t, *probe, call);
        via = ", called from arm_smmu_probe_device";
    }
    if (!checked)
        k.value = to_string(guarded ? ProbePrepare::SupportedIgnoreResult
                                    : ProbePrepare::AllIgnoreResult);
    else if (guarded)
        k.value = to_string(ProbePrepare::SupportedFailProbe);
    k.evidence = at(s, t) + via + ": pci_prepare_ats() " +
                 (guarded ? "for a supported device only" : "for every device") + ", its result " +
                 (checked ? "failing the probe" : "ignored") +
                 (k.value ? "" : ": no knob value has that");
    return k;
}

// ats_always_on: absent from the driver is `off`; present, the RFC and the
// final series cannot be told apart from the code.
RecognisedKnob ats_always_on(const Tokens& t) {
    RecognisedKnob k{"ats_always_on", std::nullopt, ""};
    const auto it =
        std::find_if(t.begin(), t.end(), [](const CToken& c) { return c.text == "ats_always_on"; });
    if (it == t.end()) {
        k.value = to_string(AtsAlwaysOn::Off);
        k.evidence = std::string(kSmmuFile) + " never names ats_always_on";
    } else {
        k.evidence = "ats_always_on at line " + std::to_string(it->line) +
                     ": the RFC (rfc) and the final series (final) cannot be told apart";
    }
    return k;
}

// Functions of later eras than some trees have, and the model's actions that
// mirror them (smmu-ats-slice.md section 5; model/actions.hpp). A tree
// without one has none of those actions, unless it has the function that did
// the same in the era before (`older`, in the same file).
struct EraFunction {
    const KernelFunction* fn;
    const char* actions;
    const char* older = nullptr;
};
const EraFunction kLaterEra[] = {
    // 6.12 detaches a PASID through ops->remove_dev_pasid (612c:2990)
    {&kfn::arm_smmu_blocking_set_dev_pasid, "pasid_detach", "arm_smmu_remove_dev_pasid"},
    // the IOMMU core's reset hooks arrived with the series' era [M]
    {&kfn::pci_dev_reset_iommu_prepare, "reset_prepare"},
    {&kfn::pci_dev_reset_iommu_done, "reset_done"},
    // nesting came with arm-smmu-v3-iommufd.c
    {&kfn::arm_smmu_attach_dev_nested, "attach_prepare to a nested domain"},
};

// A later era's function the tree lacks: its actions are unavailable, or
// driven by the older function the tree has.
void later_era(const Tokens* t, const KernelFunction* fn, MirroredFunction& m) {
    for (const auto& e : kLaterEra) {
        if (e.fn != fn)
            continue;
        if (e.older && t && find_function(*t, e.older)) {
            m.missing += std::string("; the tree's ") + e.older + " does its part (the era before)";
            m.older = e.older;
            return;
        }
        m.unavailable = e.actions;
    }
}

MirroredFunction locate(SourceTree& tree, const KernelFunction* fn) {
    MirroredFunction m{fn};
    const Tokens* t = tree.tokens(fn->file);
    if (!t) {
        m.missing = std::string("no ") + fn->file + " in this tree";
        later_era(t, fn, m);
        return m;
    }
    const auto def = find_function(*t, fn->name);
    if (!def) {
        const bool later = std::any_of(std::begin(kLaterEra), std::end(kLaterEra),
                                       [&](const EraFunction& e) { return e.fn == fn; });
        m.missing = std::string("not defined in ") + fn->file +
                    (later ? ": a later era's" : " (removed or renamed?)");
        later_era(t, fn, m);
        return m;
    }
    m.found = true;
    m.line = def->first_line;
    m.fingerprint = fingerprint(*t, *def);
    return m;
}

} // namespace

std::vector<RecognisedKnob> read_knobs(const std::vector<CToken>& t) {
    return {probe_prepare(t), enable_failure(t), ats_always_on(t)};
}

SmmuConformance conform_smmu(const std::string& kernel_dir) {
    SourceTree tree(kernel_dir);
    SmmuConformance out;
    for (const KernelFunction* fn : kfn::kAll)
        if (fn->file)
            out.functions.push_back(locate(tree, fn));
    if (const Tokens* t = tree.tokens(kSmmuFile))
        out.knobs = read_knobs(*t);
    else
        for (const char* knob : {"probe_prepare", "enable_failure", "ats_always_on"})
            out.knobs.push_back({knob, std::nullopt, std::string("no ") + kSmmuFile});
    return out;
}

} // namespace atscheck
