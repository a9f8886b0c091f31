#include "formats.hpp"

namespace svcdesc::parse {

void parse_ptv_json(std::string_view, std::string_view, const Options&, const Emit& emit) {
  emit(unexpected("PTV JSON input is not supported yet"));
}

} // namespace svcdesc::parse
