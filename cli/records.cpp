#include "records.hpp"

namespace svcdesc::cli {

bool read_records(const std::vector<std::string>& files, const Diagnostics& diag,
                  const RecordHandlers& handlers) {
  std::vector<std::string> inputs = files;
  if (inputs.empty())
    inputs.push_back("-");
  bool all_opened = true;
  for (const std::string& input : inputs) {
    if (interrupted() || handlers.done())
      break;
    std::string display = input == "-" ? "<stdin>" : input;
    auto stream = record::RecordStream::open(input);
    if (!stream) {
      diag.input_error(display, 0, 0, stream.error().message);
      all_opened = false;
      continue;
    }
    handlers.begin_input(display);
    while (auto next = stream->next()) {
      if (interrupted())
        break;
      bool more = *next ? handlers.record(display, **next) : handlers.problem(display, next->error());
      if (!more)
        break;
    }
  }
  return all_opened;
}

} // namespace svcdesc::cli
