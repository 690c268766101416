// A bug in atscheck, never a verdict: a counterexample that does not replay,
// an invariant that fails its re-check, engines that disagree. The command
// line reports it as "internal error" with exit code 4 (ExitCode::Internal).
#pragma once

#include <stdexcept>

namespace atscheck {

struct InternalError : std::logic_error {
    using std::logic_error::logic_error;
};

} // namespace atscheck
