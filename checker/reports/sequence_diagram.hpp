// An SVG sequence diagram of a counterexample: the calls between the IOMMU
// core, the SMMUv3 driver, the PCI core and the device, step by step, with
// return values, the ATS Control writes that reach the device, and each WARN.
#pragma once

#include <string>

#include "checker/reports/trace_view.hpp"

namespace atscheck {

std::string render_sequence_svg(const TraceView& v);

} // namespace atscheck
