// The hostile-input catalogue of issue 6, one row per class and reader: every
// row must fail with exit 2, one line naming the file and the JSON path or
// position, and no output directory. (Scenario classes beyond these rows are
// in test_bad_input.cpp, manifest classes in test_sweeps.cpp.)
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "helpers.hpp"

using namespace atscheck::test;
using nlohmann::json;

namespace {

struct Row {
    std::string name;                // the class of bad input
    std::function<json(json)> spoil; // turns a good document into the bad one
    std::string place, what;         // expected in the one-line error
};

json shipped_revision() {
    return json::parse(slurp(std::string(ATSCHECK_EXAMPLES_DIR) + "/revisions/merged.json"));
}

// A real counterexample trace, written by the checker.
json good_trace(const std::filesystem::path& dir) {
    REQUIRE(run_cli("check -r baseline -s pf-vf -p disable_only_when_enabled -o " +
                    (dir / "t").string())
                .exit_code == 1);
    return json::parse(slurp(dir / "t" / "baseline.pf-vf.disable_only_when_enabled.itf.json"));
}

void expect_rejected(const RunResult& r, const std::string& file, const Row& row,
                     const std::filesystem::path& out) {
    INFO(row.name << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_THAT(r.err, Catch::Contains(file + ": " + row.place) && Catch::Contains(row.what));
    CHECK(r.out.empty());
    CHECK_FALSE(std::filesystem::exists(out));
}

} // namespace

TEST_CASE("hostile revisions") {
    const std::vector<Row> rows{
        {"wrong type", [](json j) { return j["enable_failure"] = 3, j; }, "$.enable_failure",
         "expected a string"},
        {"unknown key", [](json j) { return j["colour"] = 1, j; }, "$.colour", "unknown field"},
        {"unknown value", [](json j) { return j["enable_failure"] = "panic", j; },
         "$.enable_failure", "unknown value \"panic\""},
        {"missing field", [](json j) { return j.erase("probe_prepare"), j; }, "$",
         "missing required field \"probe_prepare\""},
        {"negative bound", [](json j) { return j["ats_warn_lines"]["prepare"] = -5, j; },
         "$.ats_warn_lines.prepare", "out of range"},
        {"zero bound", [](json j) { return j["ats_warn_lines"]["enable"] = 0, j; },
         "$.ats_warn_lines.enable", "out of range"},
        {"absurd bound", [](json j) { return j["ats_warn_lines"]["disable"] = 1000000000, j; },
         "$.ats_warn_lines.disable", "out of range"},
        {"empty name", [](json j) { return j["name"] = "", j; }, "$.name", "must not be empty"},
        {"not an object",
         [](json) {
             return json::array({1, 2});
         },
         "$", "expected an object"},
    };
    const auto dir = fresh_dir("hostile-revisions");
    for (size_t i = 0; i < rows.size(); ++i) {
        const std::string file = "r" + std::to_string(i) + ".json";
        write_file(dir / file, rows[i].spoil(shipped_revision()).dump());
        const auto out = dir / ("out" + std::to_string(i));
        expect_rejected(run_cli("check -r " + file + " -s pf-vf -o " + out.string(), dir.string()),
                        file, rows[i], out);
    }
    SECTION("a syntax error and an empty file name the line and column") {
        write_file(dir / "syntax.json", "{\"name\": \"x\",\n  }");
        write_file(dir / "empty.json", "");
        for (const char* file : {"syntax.json", "empty.json"}) {
            const auto r = run_cli(std::string("check -r ") + file + " -s pf-vf", dir.string());
            CHECK(r.exit_code == 2);
            CHECK_THAT(r.err, Catch::Contains(std::string(file) + ": line ") &&
                                  Catch::Contains("malformed JSON"));
        }
    }
}

TEST_CASE("hostile traces") {
    const auto dir = fresh_dir("hostile-traces");
    const json trace = good_trace(dir);
    const std::vector<Row> rows{
        {"wrong type", [](json t) { return t["states"][1]["enable_failed"] = "no", t; },
         "$.states[1].enable_failed", "expected true or false"},
        {"unknown action", [](json t) { return t["states"][1]["mbt::actionTaken"] = "hotplug", t; },
         "$.states[1].mbt::actionTaken", "unknown action \"hotplug\""},
        {"unknown property, without its spec",
         [](json t) {
             t["#meta"].erase("property_spec");
             return t["#meta"]["property"] = "no_such", t;
         },
         "$.#meta.property", "unknown property \"no_such\""},
        {"a property spec of another property",
         [](json t) { return t["#meta"]["property"] = "no_such", t; }, "$.#meta.property_spec.name",
         "not the trace's property"},
        {"a shipped property with another expression",
         [](json t) { return t["#meta"]["property_spec"]["expression"] = "true", t; },
         "$.#meta.property_spec", "is known with another expression"},
        {"a bad expression in the property spec",
         [](json t) {
             t["#meta"]["property"] = "mine";
             t["#meta"]["property_spec"]["name"] = "mine";
             return t["#meta"]["property_spec"]["expression"] = "pdev[d].ats_enabled", t;
         },
         "$.#meta.property_spec.expression (column 6)", "unknown variable \"d\""},
        {"unknown value in the embedded revision",
         [](json t) { return t["#meta"]["revision_spec"]["prepare_vf"] = "maybe", t; },
         "$.#meta.revision_spec.prepare_vf", "unknown value \"maybe\""},
        {"impossible topology in the embedded scenario",
         [](json t) { return t["#meta"]["scenario_spec"]["devices"][1]["pf"] = "0000:09:00.0", t; },
         "$.#meta.scenario_spec.devices[1].pf", "0000:09:00.0"},
        {"missing field", [](json t) { return t.erase("states"), t; }, "$",
         "missing required field \"states\""},
        {"no state at all", [](json t) { return t["states"] = json::array(), t; }, "$.states",
         "at least its initial state"},
        {"tampered step (not a legal transition)",
         [](json t) { return std::swap(t["states"][2], t["states"][3]), t; }, "$.states[2]",
         "not a run of the model"},
        {"tampered state (a field the step does not produce)",
         [](json t) { return t["states"][2]["warn_disable"] = true, t; }, "$.states[2]",
         "not a run of the model"},
    };
    for (size_t i = 0; i < rows.size(); ++i) {
        const std::string file = "t" + std::to_string(i) + ".json";
        write_file(dir / file, rows[i].spoil(trace).dump());
        expect_rejected(run_cli("replay " + file, dir.string()), file, rows[i], dir / "none");
    }
}

TEST_CASE("hostile properties files") {
    const json good = json::parse(R"({"properties": [{"name": "mine", "meaning": "m",
        "expression": "forall d in devices: master[d].ats_enabled -> pdev[d].ats_cap"}]})");
    const std::vector<Row> rows{
        {"wrong type", [](json j) { return j["properties"][0]["expression"] = 3, j; },
         "$.properties[0].expression", "expected a string"},
        {"unknown key", [](json j) { return j["properties"][0]["colour"] = 1, j; },
         "$.properties[0].colour", "unknown field"},
        {"missing field", [](json j) { return j["properties"][0].erase("expression"), j; },
         "$.properties[0]", "missing required field \"expression\""},
        {"not a list", [](json j) { return j["properties"] = "mine", j; }, "$.properties",
         "expected an array"},
        {"bad name", [](json j) { return j["properties"][0]["name"] = "My Property", j; },
         "$.properties[0].name", "not a property name"},
        {"duplicate name", [](json j) { return j["properties"].push_back(j["properties"][0]), j; },
         "$.properties[1].name", "a second property named \"mine\""},
        {"a shipped name, another expression",
         [](json j) { return j["properties"][0]["name"] = "probe_succeeds", j; },
         "$.properties[0].name", "exists already"},
        {"syntax error", [](json j) { return j["properties"][0]["expression"] = "true &&", j; },
         "$.properties[0].expression (column 8)", "unexpected end"},
        {"unknown field",
         [](json j) {
             return j["properties"][0]["expression"] = "forall d in devices: !master[d].probd", j;
         },
         "$.properties[0].expression (column 33)", "master has no field \"probd\""},
        {"type error", [](json j) { return j["properties"][0]["expression"] = "1 + true > 0", j; },
         "$.properties[0].expression (column 5)", "must be an integer"},
        {"unknown set",
         [](json j) { return j["properties"][0]["expression"] = "forall d in x: true", j; },
         "$.properties[0].expression (column 13)", "unknown set \"x\""},
        {"a domain the scenario lacks",
         [](json j) { return j["properties"][0]["expression"] = "!(none == dma2)", j; },
         "$.properties[0].expression (column 11)", "unknown name \"dma2\""},
        {"absurd literal",
         [](json j) { return j["properties"][0]["expression"] = "1 < 99999999999", j; },
         "$.properties[0].expression (column 5)", "too large"},
    };
    const auto dir = fresh_dir("hostile-properties");
    for (size_t i = 0; i < rows.size(); ++i) {
        const std::string file = "p" + std::to_string(i) + ".json";
        write_file(dir / file, rows[i].spoil(good).dump());
        const auto out = dir / ("out" + std::to_string(i));
        expect_rejected(
            run_cli("check -r merged -s pf-vf --properties " + file + " -o " + out.string(),
                    dir.string()),
            file, rows[i], out);
    }
}
