// matrix --shard I/N and merge: sharded runs merge to the matrix of an
// unsharded run; a missing, repeated or foreign shard is bad input.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "helpers.hpp"

using namespace atscheck::test;
using nlohmann::json;

namespace {

const std::string kSweep = "matrix -e explicit --revisions baseline,merged,rollback --scenarios "
                           "pf-vf,pf-vf-faults,fleet-2";

} // namespace

TEST_CASE("three shards merge to the unsharded matrix, in Markdown and JSON") {
    const auto dir = fresh_dir("shards");
    std::string files;
    for (int i = 1; i <= 3; ++i) {
        const auto r = run_cli(kSweep + " --shard " + std::to_string(i) + "/3 --format json");
        REQUIRE(r.exit_code == 1);
        const json shard = json::parse(r.out);
        CHECK(shard.at("cells").size() == 3); // 9 cells, round-robin
        CHECK(shard.at("shard") == json({{"index", i}, {"count", 3}, {"total", 9}}));
        const auto file = dir / ("shard" + std::to_string(i) + ".json");
        write_file(file, r.out);
        files += " " + file.string();
    }
    const auto whole = run_cli(kSweep);
    const auto merged = run_cli("merge" + files);
    CHECK(merged.exit_code == whole.exit_code);
    CHECK(merged.out == whole.out);

    // The merged JSON equals the unsharded JSON but for timings and the
    // provenance of traces it did not replay (these shards wrote no trace
    // files), and merges again.
    auto without_timing = [](json j) {
        for (auto& c : j.at("cells")) {
            c.at("stats").erase("seconds");
            for (auto& p : c.at("properties"))
                p.erase("trace_provenance");
        }
        j.erase("command");
        return j;
    };
    const auto merged_json = run_cli("merge --format json" + files);
    const auto whole_json = run_cli(kSweep + " --format json");
    CHECK(without_timing(json::parse(merged_json.out)) ==
          without_timing(json::parse(whole_json.out)));
    write_file(dir / "all.json", merged_json.out);
    CHECK(run_cli("merge " + (dir / "all.json").string()).out == whole.out);
}

TEST_CASE("merge rejects a missing, repeated or foreign shard with exit 2") {
    const auto dir = fresh_dir("shards-bad");
    for (int i = 1; i <= 2; ++i)
        write_file(dir / ("s" + std::to_string(i) + ".json"),
                   run_cli(kSweep + " --shard " + std::to_string(i) + "/2 --format json").out);
    write_file(dir / "other.json",
               run_cli("matrix -e explicit --revisions merged --scenarios pf-vf --shard 2/2 "
                       "--format json")
                   .out);
    write_file(dir / "broken.json", "{\"shard\": 1}");
    struct Case {
        std::string files, message;
    };
    const std::vector<Case> cases{
        {"s1.json", "shard 2 of 2 is missing"},
        {"s1.json s1.json s2.json", "s1.json: $.shard.index: shard 1 is given twice"},
        {"s1.json other.json", "other.json: $: this shard is of another sweep"},
        {"broken.json", "broken.json: $.shard: expected an object"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.files);
        const auto r = run_cli("merge " + c.files, dir.string());
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(c.message) != std::string::npos);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK(r.out.empty());
    }
    for (const char* bad : {"0/3", "4/3", "1/0", "x", "1/20000"}) {
        CAPTURE(bad);
        const auto r = run_cli(kSweep + " --shard " + bad);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--shard") != std::string::npos);
    }
}

TEST_CASE("merge replays the trace files the shards wrote, and rejects one that does not replay") {
    const auto dir = fresh_dir("shards-traces");
    std::string files;
    for (int i = 1; i <= 2; ++i) {
        const auto out = dir / ("traces" + std::to_string(i));
        const auto r = run_cli(kSweep + " --shard " + std::to_string(i) +
                               "/2 --format json --out " + out.string());
        REQUIRE(r.exit_code == 1);
        write_file(dir / ("s" + std::to_string(i) + ".json"), r.out);
        files += " " + (dir / ("s" + std::to_string(i) + ".json")).string();
    }
    const auto merged = run_cli("merge" + files);
    CHECK(merged.exit_code == 1);
    CHECK_THAT(merged.err, Catch::Contains("replayed from their trace files, 0 taken"));

    // Without the trace files, the verdicts are marked as taken from the shards.
    std::filesystem::rename(dir / "traces1", dir / "gone");
    CHECK_THAT(
        run_cli("merge" + files).err,
        Catch::Contains("taken from the shard files as recorded (run the shards with --out"));
    std::filesystem::rename(dir / "gone", dir / "traces1");

    // A trace whose last step was tampered with no longer replays: bad input.
    const auto trace = dir / "traces2" / "baseline.pf-vf-faults.disable_only_when_enabled.itf.json";
    REQUIRE(std::filesystem::exists(trace));
    json t = json::parse(slurp(trace));
    t["states"].back()["warn_disable"] = false;
    write_file(trace, t.dump());
    const auto bad = run_cli("merge" + files);
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Catch::Contains(trace.string()));
}
