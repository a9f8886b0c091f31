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

// False when `text` certainly says nothing about cost: it contains none of the word stems and
// symbols classify_cost() looks for. A cheap byte scan that lets callers skip most text.
bool may_mention_cost(std::string_view text);

} // namespace svcdesc::normalize
