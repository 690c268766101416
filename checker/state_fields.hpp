// Names and value formats of the model's fields, in zip_fields order, as they
// appear in traces and messages (e.g. master[0000:01:00.1].ats_enabled).
#pragma once

#include <string>
#include <vector>

#include "model/concrete.hpp"

namespace atscheck {

enum class FieldKind { Bool, Int, DomainRef, Phase };

struct FieldDesc {
    std::string name;
    FieldKind kind;
};

std::vector<FieldDesc> describe_fields(const System& sys);
// The state's field values in the same order (any int, unlike the packed bytes).
std::vector<int> field_values(const ConcreteState& s);
std::string format_value(const System& sys, FieldKind kind, int v);

} // namespace atscheck
