// validate's checks on one record's text: JSON syntax, the compiled schema and, for what it
// rejects, valijson (its messages and locations), then the semantic rules.

#include "fuzz_common.hpp"

#include <svcdesc/validate/validate.hpp>

#include <memory>

using namespace svcdesc;

namespace {
std::unique_ptr<validate::Validator> g_validator;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::load_shared_tables();
  validate::Options options;
  options.as_of = "2026-01-01";
  Result<validate::Validator> v = validate::Validator::create(options);
  if (!v.has_value())
    std::abort();
  g_validator = std::make_unique<validate::Validator>(std::move(*v));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  g_validator->begin_input();
  std::string id;
  for (const validate::Finding& f : g_validator->check(fuzz::as_text(data, size), 1, id))
    SVCDESC_FUZZ_CHECK(!f.rule.empty());
  return 0;
}
