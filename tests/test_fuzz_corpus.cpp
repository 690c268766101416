// Replays the fuzzers' kept corpus (fuzz/corpus/TARGET/*) through the same
// targets scripts/fuzz.sh runs: each input must be accepted or rejected with
// an InputError, never crash or throw anything else. Inputs that once crashed
// stay in the corpus as regression tests. Under scripts/test.sh --sanitize this
// also runs them under ASan and UBSan.
#include <catch2/catch.hpp>

#include "fuzz/targets.hpp"
#include "helpers.hpp"

using namespace atscheck;
using namespace atscheck::test;
namespace fs = std::filesystem;

namespace {

void replay_corpus(const std::string& target, void (*run)(const uint8_t*, size_t)) {
    const fs::path dir = fs::path(ATSCHECK_EXAMPLES_DIR).parent_path() / "fuzz" / "corpus" / target;
    size_t inputs = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string bytes = slurp(e.path());
        INFO(e.path().string());
        CHECK_NOTHROW(run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
        ++inputs;
    }
    CHECK(inputs > 0);
}

} // namespace

TEST_CASE("fuzz corpus: revision reader") {
    replay_corpus("revision_reader", fuzz::revision_reader);
}
TEST_CASE("fuzz corpus: properties reader") {
    replay_corpus("properties_reader", fuzz::properties_reader);
}
TEST_CASE("fuzz corpus: expression reader") {
    replay_corpus("expression_reader", fuzz::expression_reader);
}
TEST_CASE("fuzz corpus: scenario reader") {
    replay_corpus("scenario_reader", fuzz::scenario_reader);
}
TEST_CASE("fuzz corpus: C source reader") {
    replay_corpus("c_source_reader", fuzz::c_source_reader);
}
TEST_CASE("fuzz corpus: trace reader") {
    replay_corpus("trace_reader", fuzz::trace_reader);
}
TEST_CASE("fuzz corpus: manifest reader") {
    replay_corpus("manifest_reader", fuzz::manifest_reader);
}
