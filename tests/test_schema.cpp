// The state schema (model/state.hpp) is the one declaration of every field.
// These tests walk it and hold each derived view to it: the field count, the
// names, the explicit engine's byte layout, the symbolic variables and range
// constraints, the symmetry blocks and the ITF reader and writer. A field added
// to the schema is covered here without touching this file.
#include <catch2/catch.hpp>

#include <set>
#include <span>

#include "checker/engines/state_codec.hpp"
#include "checker/engines/symbolic_system.hpp"
#include "checker/engines/symmetry.hpp"
#include "checker/input/itf.hpp"
#include "checker/traces/state_fields.hpp"
#include "helpers.hpp"

using namespace atscheck;
using namespace atscheck::test;

namespace {

// Systems with VFs, several domains and interchangeable units.
std::vector<System> systems() {
    return {shipped_system("merged", "pf-vf"), shipped_system("baseline", "pf-vf-quirk"),
            shipped_system("rollback", "fleet-3")};
}

// A value for field `at` that differs from `v` and that the model can hold.
int other_value(const System& sys, const FieldRef& at, int v) {
    switch (at.spec->kind) {
    case FieldKind::Bool:
    case FieldKind::Phase:
        return !v;
    case FieldKind::Stu:
        return v == 0 ? sys.scenario.devices[at.device].stu : 0;
    case FieldKind::DomainRef:
        return v == kNoDomain ? sys.num_domains() - 1 : kNoDomain;
    case FieldKind::Count:
        return v + 1;
    }
    return v;
}

// The state with field `index` (visit_fields order) set to its other value.
ConcreteState perturbed(const System& sys, ConcreteState s, int index) {
    int i = 0;
    visit_fields(
        [&](const FieldRef& at, auto& v) {
            if (i++ == index)
                v = other_value(sys, at, int(v));
        },
        s);
    return s;
}

int count_leaves(const nlohmann::json& j) {
    if (j.is_object() && j.contains("#bigint"))
        return 1;
    if (j.is_object() && j.contains("#map")) {
        int n = 0;
        for (const auto& entry : j["#map"])
            n += count_leaves(entry[1]);
        return n;
    }
    if (j.is_object()) {
        int n = 0;
        for (const auto& [key, v] : j.items())
            n += key.rfind("mbt::", 0) == 0 || key == "#meta" ? 0 : count_leaves(v);
        return n;
    }
    return 1;
}

} // namespace

TEST_CASE("every schema row names its kernel state, and names are unique per scope") {
    using Table = std::span<const FieldSpec>;
    for (const Table table : {Table(kPdevFields), Table(kMasterFields), Table(kDomainFields),
                              Table(kDomainDeviceFields), Table(kFlagFields)}) {
        std::set<std::string> names;
        for (const auto& spec : table) {
            INFO(spec.name);
            CHECK(std::string(spec.kernel).size() > 10);
            CHECK(names.insert(spec.name).second);
        }
    }
}

TEST_CASE("names, count and packed layout follow the schema") {
    for (const System& sys : systems()) {
        INFO(sys.scenario.name);
        const auto fields = describe_fields(sys);
        REQUIRE(static_cast<int>(fields.size()) ==
                field_count(sys.num_devices(), sys.num_domains()));
        REQUIRE(packed_size(sys) == static_cast<int>(fields.size()));
        std::set<std::string> names;
        for (const auto& f : fields) {
            CHECK(names.insert(f.name).second);
            CHECK(f.name.find(f.at.spec->name) != std::string::npos);
            CHECK(f.kind == f.at.spec->kind);
        }
        // Changing field i changes packed byte i and nothing else, and unpacks back.
        const ConcreteState base = initial_states(sys).front();
        std::vector<int8_t> a(fields.size()), b(fields.size());
        pack_state(base, a.data());
        for (size_t i = 0; i < fields.size(); ++i) {
            INFO(fields[i].name);
            const ConcreteState s = perturbed(sys, base, static_cast<int>(i));
            pack_state(s, b.data());
            for (size_t k = 0; k < fields.size(); ++k)
                CHECK((a[k] != b[k]) == (k == i));
            ConcreteState back =
                shaped_state<Concrete>(sys.num_devices(), sys.num_domains(), false, 0);
            unpack_state(b.data(), back);
            CHECK(field_values(back) == field_values(s));
        }
    }
}

TEST_CASE("symbolic variables and range constraints follow the schema") {
    for (const System& sys : systems()) {
        INFO(sys.scenario.name);
        z3::context ctx;
        SymbolicSystem ts(ctx, sys);
        const SymbolicState s = ts.fresh_state("");
        const auto vars = ts.variables(s);
        const auto fields = describe_fields(sys);
        REQUIRE(vars.size() == fields.size());
        std::set<std::string> in_range;
        const z3::expr ranges = ts.in_range(s);
        for (unsigned i = 0; i < vars.size(); ++i) {
            CHECK(vars[i].decl().name().str() == fields[i].name);
            CHECK(vars[i].is_bool() == is_boolean(fields[i].kind));
        }
        // A range constraint mentions exactly the domain references and STUs.
        z3::expr_vector todo(ctx);
        todo.push_back(ranges);
        while (!todo.empty()) {
            const z3::expr e = todo.back();
            todo.pop_back();
            if (e.is_const() && !e.is_numeral() && !e.is_true() && !e.is_false())
                in_range.insert(e.decl().name().str());
            for (unsigned k = 0; k < e.num_args(); ++k)
                todo.push_back(e.arg(k));
        }
        for (const auto& f : fields) {
            INFO(f.name);
            const bool ranged = f.kind == FieldKind::DomainRef || f.kind == FieldKind::Stu;
            CHECK(in_range.count(f.name) == (ranged ? 1u : 0u));
        }
    }
}

TEST_CASE("symmetry blocks are the fields the schema indexes by device") {
    const System sys = shipped_system("rollback", "fleet-3");
    const auto fields = describe_fields(sys);
    const auto gens = Symmetry(sys).generators();
    REQUIRE(!gens.empty());
    for (const auto& perm : gens) {
        std::set<int> moved_devices;
        for (size_t i = 0; i < perm.size(); ++i) {
            const FieldRef &to = fields[i].at, &from = fields[perm[i]].at;
            INFO(fields[i].name << " <- " << fields[perm[i]].name);
            CHECK(to.spec == from.spec);
            CHECK(to.scope == from.scope);
            CHECK(to.domain == from.domain);
            CHECK((to.device == -1) == (from.device == -1));
            if (to.device != from.device)
                moved_devices.insert(to.device);
        }
        CHECK(moved_devices.size() == 4); // two PF/VF units swapped
    }
}

TEST_CASE("ITF writes every field once and reads each one back") {
    for (const System& sys : systems()) {
        INFO(sys.scenario.name);
        const auto fields = describe_fields(sys);
        const ConcreteState base = initial_states(sys).front();
        for (size_t i = 0; i < fields.size(); ++i) {
            INFO(fields[i].name);
            const ConcreteState s = perturbed(sys, base, static_cast<int>(i));
            const auto j =
                trace_to_itf(sys, Trace{s, {}}, TraceMeta{"probe_succeeds", "explicit", ""});
            CHECK(count_leaves(j["states"][0]) == static_cast<int>(fields.size()));
            const ItfTrace back = trace_from_itf("t.itf.json", j);
            CHECK(field_values(back.trace.initial) == field_values(s));
        }
    }
}
