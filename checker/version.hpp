#pragma once
namespace atscheck {
inline constexpr const char* kToolVersion = "0.1.0";
}
