// The HTML reader: svcdesc::parse::parse_input with the HTML format (charset detection, myhtml,
// rendering, JSON-LD and meta signals, then the text profiles). The input is the page.

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
  options.input_format = parse::InputFormat::html;
  parse::parse_input("fuzz.html", fuzz::as_text(data, size), options,
                     [](Result<record::Record> result) {
                       if (result.has_value())
                         SVCDESC_FUZZ_CHECK(record::from_json(record::to_json(*result)).has_value());
                     });
  return 0;
}
