// The explicit engine's compact store: every state reads back as it was
// stored, through every widening of the learned layout; duplicates are found
// under any layout; and the search's answer does not depend on its threads.
#include <catch2/catch.hpp>

#include <random>

#include "checker/engines/explicit_engine.hpp"
#include "checker/engines/state_store.hpp"
#include "helpers.hpp"

using namespace atscheck;
using namespace atscheck::test;

namespace {

// Encodes (learning first when needed) and inserts a byte state.
std::pair<uint32_t, bool> insert(StateStore& store, const std::vector<int8_t>& bytes) {
    std::vector<uint8_t> code(store.codec().bytes());
    if (!store.codec().encode(bytes.data(), code.data())) {
        store.learn(bytes.data());
        code.resize(store.codec().bytes());
        REQUIRE(store.codec().encode(bytes.data(), code.data()));
    }
    return store.insert(code.data(), hash_bytes(code.data(), static_cast<int>(code.size())), 0, 0,
                        0);
}

} // namespace

TEST_CASE("a field takes as many bits as its values need, none when it never changes") {
    BitCodec codec(3);
    const int8_t a[] = {0, -1, 7}, b[] = {1, 0, 7}, c[] = {1, 2, 7};
    std::vector<uint8_t> out(4);
    CHECK_FALSE(codec.encode(a, out.data()));
    codec.learn(a);
    CHECK(codec.bytes() == 1); // one value per field: no bits, one zero byte
    CHECK(codec.learn(b));     // two fields now need a bit each
    CHECK(codec.bytes() == 1);
    CHECK_FALSE(codec.learn(a)); // nothing new
    CHECK(codec.learn(c));       // the second field's third value needs a second bit
    int8_t back[3];
    for (const int8_t* s : {a, b, c}) {
        REQUIRE(codec.encode(s, out.data()));
        codec.decode(out.data(), back);
        CHECK(std::equal(back, back + 3, s));
    }
}

TEST_CASE("the store gives back every state through widenings and finds duplicates") {
    std::mt19937 rng(7);
    const int fields = 37;
    StateStore store(fields);
    std::vector<std::vector<int8_t>> states;
    for (int i = 0; i < 20000; ++i) {
        // Ranges grow with i, so the layout widens again and again.
        std::vector<int8_t> s(fields);
        for (int f = 0; f < fields; ++f)
            s[f] = static_cast<int8_t>(int(rng() % (1 + f % 5 + i / 2000)) - 1);
        const auto [index, fresh] = insert(store, s);
        if (fresh) {
            CHECK(index == states.size());
            states.push_back(s);
        } else {
            CHECK(states[index] == s);
        }
    }
    REQUIRE(store.size() == states.size());
    std::vector<int8_t> back(fields);
    for (size_t i = 0; i < states.size(); ++i) {
        store.load(static_cast<uint32_t>(i), back.data());
        REQUIRE(back == states[i]);
        CHECK_FALSE(insert(store, states[i]).second);
    }
}

TEST_CASE("the explicit search's answer does not depend on its threads") {
    for (const char* revision : {"baseline", "rollback"}) {
        CAPTURE(revision);
        const System sys = shipped_system(revision, "fleet-2");
        ExplicitOptions o;
        for (const auto& p : all_properties())
            o.properties.push_back(p.id);
        o.threads = 1;
        const CheckResult one = check_explicit(sys, o);
        o.threads = 3;
        const CheckResult three = check_explicit(sys, o);
        CHECK(one.stats.states == three.stats.states);
        CHECK(one.stats.transitions == three.stats.transitions);
        CHECK(one.stats.depth == three.stats.depth);
        for (size_t p = 0; p < one.properties.size(); ++p) {
            CHECK(one.properties[p].verdict == three.properties[p].verdict);
            if (one.properties[p].trace)
                CHECK(one.properties[p].trace->steps.size() ==
                      three.properties[p].trace->steps.size());
        }
    }
}
