// The model's fields as they appear in traces and messages (e.g.
// master[0000:01:00.1].ats_enabled), in visit_fields order, derived from the
// state schema (model/state.hpp) and the scenario's device and domain names.
#pragma once

#include <string>
#include <vector>

#include "model/concrete.hpp"

namespace atscheck {

struct FieldDesc {
    std::string name;
    FieldKind kind;
    FieldRef at;       // the schema row and the device/domain indices
    std::string label; // as reports show it: a WARN flag with the revision's line
};

// The ITF record that holds a scope's fields ("pdev", "master", "domain"), or
// nullptr for the flags, which are top-level variables.
const char* scope_record(FieldScope scope);
std::string field_name(const System& sys, const FieldRef& at);
std::vector<FieldDesc> describe_fields(const System& sys);
// The state's field values in the same order (any int, unlike the packed bytes).
std::vector<int> field_values(const ConcreteState& s);
std::string format_value(const System& sys, FieldKind kind, int v);

} // namespace atscheck
