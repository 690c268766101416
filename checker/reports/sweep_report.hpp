// What every report of a sweep (matrix, ci, check) is made from: the checked
// cells and, under `ci`, the judgement of each expected property. The JUnit,
// SARIF, HTML and Markdown writers all read this, so they agree on what failed.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/engines/result.hpp"
#include "checker/sweeps/expectations.hpp"

namespace atscheck {

struct SweepReport {
    std::string command; // e.g. "atscheck ci examples/ci/expectations.json"
    Engine engine;
    const std::vector<CheckedSystem>& cells;
    const std::vector<Judgement>* judgements = nullptr; // set under `ci` only
    std::string manifest_file;                          // under `ci`

    // pass: proved, or as expected. fail: violated, or a deviation from the
    // expectation. skip: bounded or unknown (inconclusive).
    enum class Status { Pass, Fail, Skip };
    Status status(size_t cell, size_t property) const;
    // The judgement of one property under `ci`, else null.
    const Judgement* judgement(size_t cell, size_t property) const;
    // One line: the verdict and, under `ci`, what was expected.
    std::string summary(size_t cell, size_t property) const;

    // The scenarios in the order first checked, each with its cells' indices.
    std::vector<std::pair<std::string, std::vector<size_t>>> by_scenario() const;
    // The properties checked in any of the cells `of`, in all_properties() order.
    std::vector<PropertyId> columns(const std::vector<size_t>& of) const;
    // Where property `id` is in cell `cell`'s results, or kNone.
    static constexpr size_t kNone = static_cast<size_t>(-1);
    size_t property_index(size_t cell, PropertyId id) const;
};

// One table per scenario: revisions as rows, properties as columns, cells such
// as proved / violated@3 / bounded@10 / unknown; deviations are marked.
std::string render_matrix_markdown(const SweepReport& r);
// {"tool", "engine", "cells": [check JSON, ...]} plus the judgements under `ci`.
nlohmann::json render_matrix_json(const SweepReport& r);

} // namespace atscheck
