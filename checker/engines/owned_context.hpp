// Z3_del_context frees a context's terms one by one, which takes seconds on a
// large fleet: 3.4 s of k-induction's 18 s on fleet-12, and a --timeout overrun
// by as much. So an engine owns its context through OwnedContext, whose
// deleter hands it to a background thread: the verdict does not wait for the
// clean-up, and the command line exits without waiting for it either
// (exit_without_cleanup in checker/cli/main.cpp).
#pragma once

#include <memory>

#include <z3++.h>

namespace atscheck {

struct DeleteInBackground {
    void operator()(z3::context* ctx) const;
};
using OwnedContext = std::unique_ptr<z3::context, DeleteInBackground>;

OwnedContext make_owned_context();

} // namespace atscheck
