// The libFuzzer entry point; ATSCHECK_FUZZ_TARGET names the target in
// fuzz/targets.hpp (set per binary by fuzz/CMakeLists.txt).
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    atscheck::fuzz::ATSCHECK_FUZZ_TARGET(data, size);
    return 0;
}
