#include "formats.hpp"

namespace svcdesc::parse {

Result<record::Record> parse_html(std::string_view, std::string_view, const Options&) {
  return unexpected("HTML input is not supported yet");
}

} // namespace svcdesc::parse
