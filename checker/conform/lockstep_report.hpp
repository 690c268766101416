// How `atscheck conform` tells the SMMU lockstep: which functions ran from the
// tree and which were stubbed (with why), what each scenario replayed, the
// knobs read from behaviour, and where the code leaves the model.
#pragma once

#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/conform/knob_reading.hpp"
#include "checker/conform/smmu_lockstep.hpp"

namespace atscheck {

void print_lockstep(std::ostream& out, const SmmuLockstep& l,
                    const std::vector<KnobFinding>& knobs);

nlohmann::json lockstep_json(const SmmuLockstep& l, const std::vector<KnobFinding>& knobs);

} // namespace atscheck
