// The PTV Open API JSON reader: svcdesc::parse::parse_input with the ptv-json format (one service,
// an array of services, or a paging envelope). Every record must survive a JSON round trip.

#include "fuzz_common.hpp"

#include <svcdesc/parse/parse.hpp>
#include <svcdesc/record/record.hpp>

using namespace svcdesc;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::load_shared_tables();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  parse::Options options;
  options.input_format = parse::InputFormat::ptv_json;
  parse::parse_input("fuzz.json", fuzz::as_text(data, size), options,
                     [](Result<record::Record> result) {
                       if (result.has_value())
                         fuzz::check_round_trip(*result);
                     });
  return 0;
}
