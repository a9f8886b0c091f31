#pragma once

#include "output.hpp"

#include <svcdesc/core/result.hpp>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::cli {

// The records of a fetch run, held until the run ends so that they can be written sorted by id:
// each JSON line goes to an unnamed temporary file as it arrives and only its key and place stay
// in memory (about 150 bytes a record instead of the record), so a nightly run over a hundred
// thousand pages needs megabytes, not the gigabyte its records take.
class RecordSpool {
public:
  // `temp_dir` is where the temporary file goes (TMPDIR; /tmp when empty). Nothing is created
  // before the first add().
  explicit RecordSpool(std::string temp_dir) : m_temp_dir(std::move(temp_dir)) {}

  // Keeps one record; fails (with the reason) when the temporary file cannot be created or
  // written, after which the spool takes no more.
  Result<bool> add(std::string id, std::string lang, std::string url, std::string_view json);

  size_t size() const { return m_entries.size(); }

  // Writes every record to `out`, one line each, sorted by id, lang and URL.
  Result<bool> write_sorted(Output& out);

private:
  struct Entry {
    std::string id;
    std::string lang;
    std::string url;
    std::uint64_t offset;
    std::uint32_t length;
  };
  std::string m_temp_dir;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> m_file{nullptr, &std::fclose};
  std::uint64_t m_end = 0;
  std::vector<Entry> m_entries;
  std::string m_error;
};

} // namespace svcdesc::cli
