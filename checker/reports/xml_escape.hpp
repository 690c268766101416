// Escaping for XML and HTML text and attribute values.
#pragma once

#include <string>

namespace atscheck {

// Escapes & < > " ' and replaces the control characters XML 1.0 forbids.
std::string xml_escape(const std::string& s);

} // namespace atscheck
