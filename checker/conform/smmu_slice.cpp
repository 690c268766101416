#include "checker/conform/smmu_slice.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "checker/conform/shell.hpp"
#include "checker/conform/stub_build.hpp"
#include "checker/input/input_error.hpp"
#include "checker/input/json_fields.hpp"
#include "model/kernel_site.hpp"

namespace atscheck {

namespace fs = std::filesystem;

namespace {

// Taken from the tree as they are: the entry points the model's actions drive
// (model/kernel_site.hpp) and what they reach that changes or decides ATS
// bookkeeping, allocates, or locks (smmu-ats-slice.md 1.1, classes a, c, d),
// and the STE builders and installer, whose bits the driver reads back
// (class b*: master->cd_table.in_ste, master->ste_ats_enabled). A name the
// tree lacks is another era's.
constexpr const char* kFromTree[] = {
    "arm_smmu_probe_device",
    "arm_smmu_release_device",
    "arm_smmu_attach_dev",
    "arm_smmu_attach_dev_identity",
    "arm_smmu_attach_dev_blocked",
    "arm_smmu_attach_dev_ste",
    "arm_smmu_attach_prepare",
    "arm_smmu_attach_commit",
    "arm_smmu_enable_ats",
    "arm_smmu_ats_supported",
    "arm_smmu_remove_master_domain",
    "arm_smmu_find_master_domain",
    "to_smmu_domain_devices",
    "arm_smmu_domain_alloc",
    "arm_smmu_install_ste_for_dev",
    "arm_smmu_make_abort_ste",
    "arm_smmu_make_bypass_ste",
    "arm_smmu_make_cdtable_ste",
    // the invalidation-array era: the per-domain invs arrays, merged in
    // prepare and unreferenced in commit (smmu-ats-slice.md 2.1), the
    // scratch array sized by the probe's insert_master from the StreamIDs
    "arm_smmu_attach_prepare_invs",
    "arm_smmu_install_new_domain_invs",
    "arm_smmu_install_old_domain_invs",
    "arm_smmu_master_build_invs",
    "arm_smmu_master_build_inv",
    "arm_smmu_invs_merge",
    "arm_smmu_invs_unref",
    "arm_smmu_invs_purge",
    "arm_smmu_invs_alloc",
    "arm_smmu_insert_master",
    "arm_smmu_remove_master",
    "arm_smmu_stream_id_cmp",
    "arm_smmu_streams_cmp_node",
    "arm_smmu_streams_cmp_key",
    "arm_smmu_invs_iter_next",
    "arm_smmu_invs_iter_next_cmp",
    "arm_smmu_inv_cmp",
    // PASIDs (smmu-ats-slice.md 1.1, set_pasid and pasid_detach): the
    // attach of an SSID, its detach of the era (6.12's remove_dev_pasid, the
    // series' blocking_set_dev_pasid), and the CD table in memory, whose V
    // bits count master->cd_table.used_ssids (arm_smmu_ssids_in_use)
    "arm_smmu_s1_set_dev_pasid",
    "arm_smmu_set_pasid",
    "arm_smmu_update_ste",
    "arm_smmu_remove_dev_pasid",
    "arm_smmu_blocking_set_dev_pasid",
    "arm_smmu_alloc_cd_ptr",
    "arm_smmu_get_cd_ptr",
    "arm_smmu_alloc_cd_tables",
    "arm_smmu_write_cd_entry",
    "arm_smmu_clear_cd",
};

// Taken from the tree's arm-smmu-v3-sva.c, where it has one: the SVA
// domain's set_dev_pasid, which builds its CD and calls arm_smmu_set_pasid().
constexpr const char* kFromSvaTree[] = {"arm_smmu_sva_set_dev_pasid"};

// What the harness itself calls or names: without them there is no lockstep.
constexpr const char* kRequired[] = {"arm_smmu_probe_device", "arm_smmu_release_device",
                                     "arm_smmu_attach_dev", "arm_smmu_attach_commit",
                                     "arm_smmu_domain_alloc"};
constexpr const char* kRequiredVariables[] = {"arm_smmu_identity_domain",
                                              "arm_smmu_blocked_domain"};

// The entry the harness pauses at: attach_prepare runs an attach up to it,
// attach_commit resumes it (checker/conform/stub/atscheck_smmu_harness.c).
constexpr const char* kPausedAt = "arm_smmu_attach_commit";

struct StubReason {
    const char* name;
    const char* why;
    const char* body = nullptr; // a body of atscheck's, where recording is not enough
};

// Why each function the slice calls but does not run is stubbed.
constexpr StubReason kStubReasons[] = {
    {"arm_smmu_get_by_fwnode", "finds the SMMU of a firmware node: the harness's one SMMU",
     "{ return &atscheck_smmu; }"},
    {"arm_smmu_atc_inv_master", "ATC invalidation through the command queue: recorded"},
    {"arm_smmu_write_ste", "writes an STE to the stream table and syncs: recorded"},
    {"arm_smmu_write_entry",
     "the hitless update of an STE or CD, qword by qword with syncs between: the target "
     "copied at once, recorded",
     "{ atscheck_stub_called(\"arm_smmu_write_entry\");"
     " memcpy(entry, target, NUM_ENTRY_QWORDS * sizeof(*entry)); }"},
    {"arm_smmu_sync_cd", "CFGI_CD commands for a CD's StreamIDs: recorded"},
    {"arm_smmu_get_cd_used", "the CD writer's op for the hitless update: never called "
                             "(arm_smmu_write_entry is stubbed)"},
    {"arm_smmu_cd_writer_sync_entry", "the CD writer's op for the hitless update: never called "
                                      "(arm_smmu_write_entry is stubbed)"},
    {"arm_smmu_write_cd_l1_desc",
     "a two-level CD table's level-1 descriptor: the harness's SMMU has linear CD tables"},
    {"arm_smmu_make_s1_cd",
     "builds a CD from the io-pgtable: a valid CD (the V bit is what the driver reads back)",
     "{ atscheck_stub_called(\"arm_smmu_make_s1_cd\"); memset(target, 0, sizeof(*target));"
     " target->data[0] = cpu_to_le64(CTXDESC_CD_0_V); }"},
    {"arm_smmu_make_sva_cd",
     "builds a CD from the mm's page table: a valid CD (the V bit is what the driver reads "
     "back)",
     "{ atscheck_stub_called(\"arm_smmu_make_sva_cd\"); memset(target, 0, sizeof(*target));"
     " target->data[0] = cpu_to_le64(CTXDESC_CD_0_V); }"},
    {"arm_smmu_make_s2_domain_ste", "builds an S2 STE from the io-pgtable: recorded"},
    {"arm_smmu_get_step_for_sid", "the stream table's memory: a zeroed STE"},
    {"arm_smmu_init_sid_strtab", "the stream table's level-2 entry for a StreamID: none needed"},
    {"arm_smmu_inv_flush_iotlb_tag",
     "flushes an ASID's or VMID's IOTLB through the command queue: recorded"},
    {"arm_smmu_enable_iopf", "I/O page faults: no domain of the lockstep has a fault handler"},
    {"arm_smmu_disable_iopf", "I/O page faults: no domain of the lockstep has a fault handler"},
    {"arm_smmu_enable_pasid",
     "the PCI PASID capability: the harness's firmware gives a PASID-capable function its "
     "SSID bits (pasid-num-bits) instead"},
    {"arm_smmu_disable_pasid", "the PCI PASID capability: not emulated"},
    {"arm_smmu_free_cd_tables", "frees CD table memory"},
    {"arm_smmu_domain_finalise",
     "io-pgtable and ASID allocation: the harness finalises its domains beforehand"},
};

const StubReason* stub_reason(const std::string& name) {
    for (const auto& r : kStubReasons)
        if (name == r.name)
            return &r;
    return nullptr;
}

using Tokens = std::vector<CToken>;

bool is_ident(const std::string& s) {
    return !s.empty() && (std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_');
}

// A definition at file scope that is not a function: `[static] T NAME = {...};`
// or `[static] DEFINE_MUTEX(NAME);`. [begin, end) tokens, `;` included.
struct Span {
    size_t begin = 0, end = 0;
};

std::map<std::string, Span> file_scope_variables(const Tokens& t) {
    std::map<std::string, Span> out;
    int depth = 0;
    for (size_t i = 1; i + 1 < t.size(); ++i) {
        depth += t[i].text == "{";
        depth -= t[i].text == "}";
        if (depth != 0 || t[i].directive || !is_ident(t[i].text))
            continue;
        const bool assigned = t[i + 1].text == "=" && is_ident(t[i - 1].text);
        const bool defined = t[i - 1].text == "(" && i >= 2 &&
                             t[i - 2].text.rfind("DEFINE_", 0) == 0 && t[i + 1].text == ")";
        if (!assigned && !defined)
            continue;
        size_t begin = defined ? i - 2 : i;
        while (begin > 0 && !t[begin - 1].directive &&
               (is_ident(t[begin - 1].text) || t[begin - 1].text == "*"))
            --begin;
        size_t end = i;
        for (int d = 0; end < t.size() && !(d == 0 && t[end].text == ";"); ++end)
            d += (t[end].text == "{") - (t[end].text == "}");
        out[t[i].text] = {begin, std::min(end + 1, t.size())};
    }
    return out;
}

// `struct NAME { ... };` at file scope.
std::map<std::string, Span> file_scope_structs(const Tokens& t) {
    std::map<std::string, Span> out;
    int depth = 0;
    for (size_t i = 0; i + 2 < t.size(); ++i) {
        if (depth == 0 && t[i].text == "struct" && is_ident(t[i + 1].text) &&
            t[i + 2].text == "{") {
            size_t end = i + 2;
            for (int d = 0; end < t.size(); ++end) {
                d += (t[end].text == "{") - (t[end].text == "}");
                if (d == 0 && t[end].text == ";")
                    break;
            }
            out[t[i + 1].text] = {i, std::min(end + 1, t.size())};
            i = end;
            continue;
        }
        depth += (t[i].text == "{") - (t[i].text == "}");
    }
    return out;
}

// The text of tokens [begin, end), as written, under a #line naming the tree's file.
std::string text_of(const std::string& src, const Tokens& t, size_t begin, size_t end,
                    const char* file) {
    const size_t from = t[begin].offset, to = t[end - 1].offset + t[end - 1].text.size();
    return "#line " + std::to_string(t[begin].line) + " \"" + file + "\"\n" +
           src.substr(from, to - from) + "\n";
}

// The file's #define directives, each with its continuation lines: the
// macro's name and the tokens [begin, end) from its '#'.
struct Define {
    std::string name;
    size_t begin, end;
};

std::vector<Define> file_defines(const Tokens& t) {
    std::vector<Define> out;
    for (size_t i = 0; i + 2 < t.size(); ++i) {
        if (!(t[i].directive && t[i].text == "#" && t[i + 1].text == "define"))
            continue;
        size_t end = i + 2;
        while (end < t.size() && t[end].directive && t[end].text != "#")
            ++end;
        out.push_back({t[i + 2].text, i, end});
        i = end - 1;
    }
    return out;
}

// The defines as text, for the slice.
std::string defines(const std::string& src, const Tokens& t) {
    std::string out;
    for (const auto& d : file_defines(t))
        out += text_of(src, t, d.begin, d.end, kSmmuFile);
    return out;
}

// Each macro's replacement tokens, for the closure (a kept function may reach
// a function only through a macro).
std::map<std::string, Span> file_macros(const Tokens& t) {
    std::map<std::string, Span> out;
    for (const auto& d : file_defines(t))
        out[d.name] = {d.begin + 3, d.end};
    return out;
}

// Where the body of `f` and the initialisers of variables name other things.
std::set<std::string> identifiers(const Tokens& t, size_t begin, size_t end) {
    std::set<std::string> out;
    for (size_t i = begin; i < end; ++i)
        if (is_ident(t[i].text))
            out.insert(t[i].text);
    return out;
}

// The head of a function: `static int name(args)`, without its body.
std::string signature(const std::string& src, const Tokens& t, const CFunction& f) {
    const size_t from = t[f.head_begin].offset;
    return src.substr(from, t[f.body_begin].offset - from);
}

bool returns_void(const Tokens& t, const CFunction& f) {
    for (size_t i = f.head_begin; i < f.name_at; ++i)
        if (t[i].text != "static" && t[i].text != "inline" && t[i].text != "void" &&
            t[i].text.rfind("__", 0) != 0 && t[i].text != "noinline")
            return false;
    return true;
}

// A stub of `name` with the tree's prototype: it records the call and
// returns 0 (or a zeroed scratch object for a pointer), or runs atscheck's body.
std::string stub_definition(const std::string& src, const Tokens& t, const std::string& name,
                            const CFunction& f) {
    std::string body;
    if (const StubReason* r = stub_reason(name); r && r->body)
        body = r->body;
    else if (returns_void(t, f))
        body = "{ atscheck_stub_called(\"" + name + "\"); }";
    else if (t[f.name_at - 1].text == "*")
        body = "{ atscheck_stub_called(\"" + name + "\"); return atscheck_scratch(); }";
    else
        body = "{ atscheck_stub_called(\"" + name + "\"); return 0; }";
    return signature(src, t, f) + "\n" + body + "\n";
}

// The tree's commit, renamed, and a commit of the same prototype that lets
// the harness pause before calling it.
std::string paused_commit(const std::string& src, const Tokens& t, const CFunction& f) {
    std::string head = signature(src, t, f);
    const size_t name = t[f.name_at].offset - t[f.head_begin].offset;
    std::string renamed = head;
    renamed.replace(name, std::string(kPausedAt).size(), std::string("atscheck_tree_") + kPausedAt);
    // The name of its `struct arm_smmu_attach_state *` parameter.
    std::string state = "state";
    for (size_t p = f.name_at; p + 2 < f.body_begin; ++p)
        if (t[p].text == "arm_smmu_attach_state" && t[p + 1].text == "*")
            state = t[p + 2].text;
    return renamed + ";\n" + head + "\n{\n\tatscheck_before_commit(" + state + "->master, " +
           state + "->ats_enabled);\n\tatscheck_tree_" + kPausedAt + "(" + state + ");\n}\n";
}

std::string tree_definition(const std::string& src, const Tokens& t, const std::string& name,
                            const CFunction& f, const char* file = kSmmuFile) {
    std::string text = text_of(src, t, f.head_begin, f.body_end, file);
    if (name == kPausedAt) {
        const size_t at = text.find(name + "(", text.find('\n'));
        text.replace(at, name.size(), std::string("atscheck_tree_") + kPausedAt);
    }
    return text;
}

// Every header a file includes, <...> and "...": each becomes the stub's.
std::vector<std::string> includes(const Tokens& t) {
    std::vector<std::string> out;
    for (size_t i = 0; i + 2 < t.size(); ++i) {
        if (!(t[i].directive && t[i].text == "#" && t[i + 1].text == "include"))
            continue;
        if (t[i + 2].text[0] == '"') {
            out.push_back(t[i + 2].text.substr(1, t[i + 2].text.size() - 2));
            continue;
        }
        std::string name;
        for (size_t k = i + 3; k < t.size() && t[k].directive && t[k].text != ">"; ++k)
            name += t[k].text;
        out.push_back(name);
    }
    return out;
}

// The slice's functions and variables, closed over what the tree's functions name.
struct Closure {
    std::map<std::string, CFunction> tree, stubs;
    std::set<std::string> variables, structs;
};

template <size_t N>
Closure close_over(const Tokens& t, const std::map<std::string, CFunction>& defined,
                   const std::map<std::string, Span>& vars,
                   const std::map<std::string, Span>& structs, const char* const (&roots)[N]) {
    Closure c;
    for (const char* name : roots)
        if (auto it = defined.find(name); it != defined.end())
            c.tree.insert(*it);
    std::vector<std::pair<size_t, size_t>> todo;
    for (const auto& [name, f] : c.tree)
        todo.push_back({f.body_begin, f.body_end});
    for (const char* v : kRequiredVariables)
        if (auto it = vars.find(v); it != vars.end() && c.variables.insert(v).second)
            todo.push_back({it->second.begin, it->second.end});
    const auto macros = file_macros(t);
    std::set<std::string> expanded;
    while (!todo.empty()) {
        const auto [begin, end] = todo.back();
        todo.pop_back();
        for (const auto& id : identifiers(t, begin, end)) {
            if (auto m = macros.find(id); m != macros.end() && expanded.insert(id).second)
                todo.push_back({m->second.begin, m->second.end});
            if (auto f = defined.find(id); f != defined.end() && !c.tree.count(id))
                c.stubs.insert(*f);
            if (auto v = vars.find(id); v != vars.end() && c.variables.insert(id).second)
                todo.push_back({v->second.begin, v->second.end});
            if (structs.count(id))
                c.structs.insert(id);
        }
    }
    return c;
}

// In file order: what the tree's file defines and the slice uses.
template <class Map> std::vector<std::pair<size_t, std::string>> by_position(const Map& m) {
    std::vector<std::pair<size_t, std::string>> out;
    for (const auto& [name, at] : m)
        out.push_back({at.begin, name});
    std::sort(out.begin(), out.end());
    return out;
}

// The SVA file's part of the slice, where the tree has the file.
struct SvaPart {
    std::string src;
    const Tokens* t = nullptr;
    Closure c;
};

// The SVA part's functions: prototypes first (the main file's functions may
// be defined before them), then its stubs and its functions from the tree.
std::string sva_text(const SvaPart& sva) {
    std::string out;
    for (const auto* group : {&sva.c.tree, &sva.c.stubs})
        for (const auto& [name, f] : *group)
            out += signature(sva.src, *sva.t, f) + ";\n";
    for (const auto& [name, f] : sva.c.stubs)
        out += stub_definition(sva.src, *sva.t, name, f);
    for (const auto& [name, f] : sva.c.tree)
        out += tree_definition(sva.src, *sva.t, name, f, kSmmuSvaFile);
    return out;
}

// How many parameters a function of the slice takes.
int parameters(const Tokens& t, const CFunction& f) {
    int params = 1, depth = 0;
    for (size_t i = f.name_at + 2; i + 1 < f.body_begin; ++i) {
        depth += (t[i].text == "(") - (t[i].text == ")");
        params += depth == 0 && t[i].text == ",";
    }
    return params;
}

// The harness drives PASIDs through set_dev_pasid(domain, dev, pasid, old),
// the prototype of both eras it knows (612c:2881, 900c:3729), down to
// arm_smmu_set_pasid() and the CD table it allocates (the SMMU's SSID bits).
bool drives_pasid(const Tokens& t, const Closure& c) {
    const auto s1 = c.tree.find("arm_smmu_s1_set_dev_pasid");
    return s1 != c.tree.end() && c.tree.count("arm_smmu_set_pasid") &&
           c.tree.count("arm_smmu_alloc_cd_ptr") && parameters(t, s1->second) == 4;
}

bool drives_sva(const SvaPart* sva) {
    if (!sva)
        return false;
    const auto f = sva->c.tree.find("arm_smmu_sva_set_dev_pasid");
    return f != sva->c.tree.end() && parameters(*sva->t, f->second) == 4;
}

// What the harness must know of the tree's era, as macros.
std::string era_macros(const Tokens& t, const Closure& c, const SvaPart* sva) {
    // The era whose core passes the old domain to attach_dev (900c:3656).
    const int params = parameters(t, c.tree.at("arm_smmu_attach_dev"));
    std::string out = params == 3 ? "#define ATSCHECK_ATTACH_WITH_OLD 1\n" : "";
    // The invalidation-array era: the harness reads the domains' invs arrays.
    if (c.tree.count("arm_smmu_attach_prepare_invs"))
        out += "#define ATSCHECK_INVS 1\n";
    // A driver with a release_domain: the core attaches it before release.
    for (const auto& tok : t)
        if (tok.text == "release_domain") {
            out += "#define ATSCHECK_CORE_RELEASE_DOMAIN 1\n";
            break;
        }
    // A PASID's detach: the blocked domain's set_dev_pasid (the series), or
    // the driver's remove_dev_pasid (6.12); an SVA domain, where the tree has one.
    if (c.tree.count("arm_smmu_blocking_set_dev_pasid"))
        out += "#define ATSCHECK_BLOCKING_SET_DEV_PASID 1\n";
    if (drives_pasid(t, c)) {
        out += "#define ATSCHECK_PASID 1\n";
        if (drives_sva(sva))
            out += "#define ATSCHECK_SVA 1\n";
    }
    return out;
}

std::string slice_text(const std::string& src, const Tokens& t, const Closure& c,
                       const std::map<std::string, Span>& vars,
                       const std::map<std::string, Span>& structs, const SvaPart* sva) {
    std::string out = era_macros(t, c, sva);
    out += "#include \"atscheck_iommu.h\"\n#include \"arm-smmu-v3.h\"\n"
           "static struct arm_smmu_device atscheck_smmu;\n" +
           defines(src, t);
    std::map<std::string, Span> used_structs;
    for (const auto& s : c.structs)
        used_structs[s] = structs.at(s);
    for (const auto& [at, name] : by_position(used_structs))
        out += text_of(src, t, structs.at(name).begin, structs.at(name).end, kSmmuFile);
    for (const auto* group : {&c.tree, &c.stubs})
        for (const auto& [name, f] : *group)
            out += signature(src, t, f) + ";\n";
    std::map<std::string, Span> used_vars;
    for (const auto& v : c.variables)
        used_vars[v] = vars.at(v);
    for (const auto& [at, name] : by_position(used_vars))
        out += text_of(src, t, vars.at(name).begin, vars.at(name).end, kSmmuFile);
    for (const auto& [name, f] : c.stubs)
        out += stub_definition(src, t, name, f);
    out += paused_commit(src, t, c.tree.at(kPausedAt));
    for (const auto& [name, f] : c.tree)
        out += tree_definition(src, t, name, f);
    if (sva)
        out += sva_text(*sva);
    // The tree's variables the harness puts back before each run (not the
    // const ones, which no run can change).
    out += "#define ATSCHECK_TREE_VARIABLES";
    for (const auto& v : c.variables) {
        const Span at = vars.at(v);
        bool constant = false;
        for (size_t i = at.begin; i < at.end && t[i].text != v; ++i)
            constant |= t[i].text == "const";
        if (!constant)
            out += " {&" + v + ", sizeof(" + v + "), NULL},";
    }
    out += " {NULL, 0, NULL}\n";
    // The names the harness gives the addresses -finstrument-functions reports.
    out += "#define ATSCHECK_TREE_FUNCTIONS";
    for (const auto& [name, f] : c.tree)
        out += " {(void *)" + (name == kPausedAt ? std::string("atscheck_tree_") + name : name) +
               ", \"" + name + "\"},";
    if (sva)
        for (const auto& [name, f] : sva->c.tree)
            out += " {(void *)" + name + ", \"" + name + "\"},";
    for (const KernelFunction* fn : kfn::kAll)
        if (fn->file && std::string(fn->file) == kAtsFile)
            out += std::string(" {(void *)") + fn->name + ", \"" + fn->name + "\"},";
    return out + "\n#include \"atscheck_smmu_harness.c\"\n";
}

// One file's functions of the slice, in file order.
std::vector<SliceFunction> listing(const Closure& c, const char* file) {
    std::vector<SliceFunction> out;
    for (const auto& [name, f] : c.tree)
        out.push_back({name, true, f.first_line, "", file});
    for (const auto& [name, f] : c.stubs) {
        const StubReason* r = stub_reason(name);
        out.push_back({name, false, f.first_line,
                       r ? r->why : "not on the ATS path of the model's actions: recorded", file});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
    return out;
}

std::map<std::string, CFunction> functions_of(const Tokens& t) {
    std::map<std::string, CFunction> out;
    for (auto& [name, f] : all_functions(t))
        out.emplace(name, f);
    return out;
}

// The tree's arm-smmu-v3-sva.c, closed over from its set_dev_pasid, or none.
std::optional<SvaPart> sva_part(SourceTree& tree) {
    const Tokens* t = tree.tokens(kSmmuSvaFile);
    if (!t)
        return std::nullopt;
    SvaPart sva{read_text_file((fs::path(tree.dir()) / kSmmuSvaFile).string()), t, {}};
    sva.c = close_over(*t, functions_of(*t), {}, {}, kFromSvaTree);
    return sva;
}

} // namespace

const char* describe(SmmuEra era) {
    return era == SmmuEra::MasterDomainLists
               ? "master_domain lists and an atomic nr_ats_masters (before the invalidation "
                 "arrays, e.g. 6.12)"
               : "invalidation arrays (arm_smmu_invs) beside the master_domain lists";
}

SmmuSlice build_smmu_slice(SourceTree& tree, const fs::path& dir) {
    const std::string c_file = (fs::path(tree.dir()) / kSmmuFile).string();
    const std::string h_file = (fs::path(tree.dir()) / kSmmuHeaderFile).string();
    const std::string ats_file = (fs::path(tree.dir()) / kAtsFile).string();
    const Tokens* t = tree.tokens(kSmmuFile);
    const Tokens* h = tree.tokens(kSmmuHeaderFile);
    const Tokens* a = tree.tokens(kAtsFile);
    if (!t || !h || !a)
        throw InputError("--kernel", tree.dir(),
                         std::string("no ") +
                             (!t   ? kSmmuFile
                              : !h ? kSmmuHeaderFile
                                   : kAtsFile) +
                             " in this tree: the SMMU lockstep needs the driver, its header "
                             "and ats.c");
    const std::string src = read_text_file(c_file);
    const auto defined = functions_of(*t);
    for (const char* name : kRequired)
        if (!defined.count(name))
            throw InputError(c_file, "",
                             std::string("defines no ") + name + "(): the SMMU lockstep drives it");
    const auto vars = file_scope_variables(*t);
    for (const char* name : kRequiredVariables)
        if (!vars.count(name))
            throw InputError(c_file, "",
                             std::string("defines no ") + name + ": the SMMU lockstep attaches it");
    const auto structs = file_scope_structs(*t);
    const Closure c = close_over(*t, defined, vars, structs, kFromTree);

    SmmuSlice out;
    out.era = defined.count("arm_smmu_attach_prepare_invs") ? SmmuEra::InvalidationArrays
                                                            : SmmuEra::MasterDomainLists;
    out.functions = listing(c, kSmmuFile);
    const auto sva = sva_part(tree);
    out.pasid = drives_pasid(*t, c);
    out.sva = out.pasid && drives_sva(sva ? &*sva : nullptr);
    if (sva)
        for (auto& f : listing(sva->c, kSmmuSvaFile))
            out.functions.push_back(std::move(f));
    write_stub(dir, includes(*h), "atscheck_iommu.h");
    write_file(dir / "arm-smmu-v3.h", read_text_file(h_file));
    write_file(dir / "slice.c", slice_text(src, *t, c, vars, structs, sva ? &*sva : nullptr));
    const fs::path pci_dir = dir / "pci";
    for (const auto& inc : includes(*a))
        write_file(pci_dir / "include" / inc, "#include \"atscheck_kernel.h\"\n");
    write_file(pci_dir / "ats.c", read_text_file(ats_file));
    const std::string i_dir = "-I " + shell_quoted(dir.string());
    // Who set what (atscheck_smmu_harness.c): the tree's functions report
    // their entries and exits; atscheck's own files do not.
    const std::string traced =
        "-finstrument-functions -finstrument-functions-exclude-file-list=atscheck_";
    out.exe = dir / "smmu-harness";
    compile_c(out.exe, {{dir / "slice.c",
                         c_file,
                         {"-I " + shell_quoted((dir / "include").string()), i_dir, traced}},
                        {pci_dir / "ats.c",
                         ats_file,
                         {"-I " + shell_quoted((pci_dir / "include").string()), i_dir, traced}},
                        {dir / "atscheck_pci_config.c", ats_file, {i_dir}}});
    return out;
}

} // namespace atscheck
