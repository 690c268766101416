// Random simulation: seeded random walks over the concrete model. It finds
// violations fast on models too big to explore, but proves nothing: a property
// it does not violate gets `unknown`.
#pragma once

#include <cstdint>

#include "checker/engines/result.hpp"
#include "checker/engines/run_limits.hpp"

namespace atscheck {

struct SimulationOptions {
    std::vector<PropertyId> properties;
    RunLimits limits;
    uint64_t seed = 1;
    int runs = 1000;
    int max_depth = 30;
};

CheckResult check_simulation(const System& sys, const SimulationOptions& opts);

} // namespace atscheck
