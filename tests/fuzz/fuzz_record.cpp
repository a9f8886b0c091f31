// The record reader of validate, diff and export: RecordStream (NDJSON or a JSON array, framed
// by its own scanner) over the input, and record::from_json on each record it yields. A record
// must read back at its offset as the same bytes, and one that reads must survive a JSON round trip.

#include "fuzz_common.hpp"

#include <svcdesc/record/record.hpp>
#include <svcdesc/record/stream.hpp>

#include <cstdio>

#include <sys/mman.h>
#include <unistd.h>

using namespace svcdesc;

namespace {
int g_memfd = -1; // the input as a file: read_at() needs a descriptor to pread (fmemopen has none)
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::load_shared_tables();
  g_memfd = memfd_create("svcdesc_fuzz_record", 0);
  if (g_memfd < 0)
    std::abort();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0)
    return 0;
  if (ftruncate(g_memfd, 0) != 0 || pwrite(g_memfd, data, size, 0) != static_cast<ssize_t>(size) ||
      lseek(g_memfd, 0, SEEK_SET) != 0)
    std::abort();
  std::FILE* file = fdopen(dup(g_memfd), "rb");
  if (file == nullptr)
    std::abort();
  record::RecordStream stream = record::RecordStream::from_file(file, true);
  while (std::optional<Result<record::RecordText>> next = stream.next()) {
    if (!next->has_value())
      continue;
    const record::RecordText& text = **next;
    SVCDESC_FUZZ_CHECK(text.offset + text.json.size() <= size);
    Result<std::string> again = stream.read_at(text.offset, text.json.size());
    SVCDESC_FUZZ_CHECK(again.has_value() && *again == text.json);
    Result<record::Record> rec = record::from_json(text.json);
    if (!rec.has_value())
      continue;
    fuzz::check_round_trip(*rec);
  }
  return 0;
}
