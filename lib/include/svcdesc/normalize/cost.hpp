#pragma once

#include <string_view>

namespace svcdesc::normalize {

// What one sentence says about the price of a service. Both can be true: "Käynti on maksuton,
// mutta lääkärintodistuksesta peritään 30 euron maksu."
struct CostSignal {
  bool free = false;
  bool charged = false;
};

// Classifies one sentence in Finnish, Swedish or English (see cost.cpp for the rules).
CostSignal classify_cost(std::string_view sentence);

} // namespace svcdesc::normalize
