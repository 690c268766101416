// Fuzz targets for the input readers. Each takes arbitrary bytes and must
// either accept them or reject them with an InputError; any other exception,
// crash, hang or sanitizer report is a bug. Built into libFuzzer binaries by
// scripts/fuzz.sh, and into the test suite, which replays the kept corpus.
#pragma once

#include <cstddef>
#include <cstdint>

namespace atscheck::fuzz {

// Revision JSON (examples/revisions/*.json).
void revision_reader(const uint8_t* data, size_t size);
// Scenario JSON; an accepted scenario also has its initial states built and
// its first state's successors run, so odd but valid topologies reach the model.
void scenario_reader(const uint8_t* data, size_t size);
// ITF trace; an accepted trace is also replayed on the model it embeds.
void trace_reader(const uint8_t* data, size_t size);
// CI manifest (examples/ci/expectations.json).
void manifest_reader(const uint8_t* data, size_t size);
// A properties file (properties/shipped.json); parsed and checked, not added.
void properties_reader(const uint8_t* data, size_t size);
// A property expression (the text of --invariant after NAME:); an accepted one
// is also evaluated on a PF/VF system's initial states, concretely and on Z3.
void expression_reader(const uint8_t* data, size_t size);
// C source (a tree's arm-smmu-v3.c, for atscheck conform): tokenized, every
// mirrored function looked up and fingerprinted, and the knobs read.
void c_source_reader(const uint8_t* data, size_t size);

} // namespace atscheck::fuzz
