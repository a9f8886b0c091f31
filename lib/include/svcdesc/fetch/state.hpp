#pragma once

#include <svcdesc/core/result.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::fetch {

// What the state file remembers of one URL between runs.
struct UrlState {
  std::string url;       // the URL as listed, normalized: the key
  std::string final_url; // where the last response came from, after redirects
  std::optional<std::string> etag;          // validators of the last good response
  std::optional<std::string> last_modified; // as the server wrote it
  std::string sha256;    // of the last good body; empty when there never was one
  std::string records;   // the last good body's records, NDJSON (one line per record)
  bool has_records = false; // set by StateStore::get: records are stored (read or not)
  long http_status = 0;  // of the last response (0: none, a network failure)
  std::int64_t good_at = 0; // Unix time of the last good response (fetched, unchanged)
  bool withdrawn = false;   // the last definitive answer was 404 or 410
  std::string withdrawn_reason;
};

// One request of a run, for the history ("HTTP 200", "timed out after 10 s").
struct AttemptRecord {
  std::int64_t time = 0; // Unix seconds
  long http_status = 0;
  std::string outcome; // fetched, unchanged, withdrawn, failed, ...
  std::string error;   // empty when it went well
};

// The SQLite state file of `svcdesc fetch`: per URL the validators (ETag, Last-Modified), the
// content hash, the last good record and the history of attempts; and named values such as the
// PTV high-water mark. The schema is versioned with PRAGMA user_version and migrated forward on
// open; a file written by a newer svcdesc is refused. The file is opened in WAL mode with an
// exclusive lock held for the whole run, so a second run on the same file fails at once instead
// of interleaving with the first, and each URL is committed in its own transaction, so a killed
// run loses nothing that was finished.
class StateStore {
public:
  // The schema version this build writes.
  static constexpr int k_schema_version = 3;
  // How many attempts per URL the history keeps.
  static constexpr int k_history = 20;

  // Opens `path`, creating it when it does not exist, and migrates an older schema. Fails with a
  // message naming the file, and without changing it, when it is not an SQLite database (or is
  // corrupt), is some other program's database, comes from a newer svcdesc, or is locked by
  // another process for longer than `busy_timeout_ms`.
  static Result<StateStore> open(const std::string& path, int busy_timeout_ms = 5000);

  StateStore(StateStore&&) noexcept;
  StateStore& operator=(StateStore&&) noexcept;
  ~StateStore();

  // Whether get() reads the stored records or only says whether there are any (has_records):
  // deciding what to ask the server needs only the validators.
  enum class Records { read, skip };

  // The stored state of `url`, nullopt when the URL was never seen.
  Result<std::optional<UrlState>> get(std::string_view url, Records records = Records::read) const;
  // Replaces the state of `state.url`, its records included (none when `state.records` is
  // empty), and appends `attempts` to its history (trimmed to k_history), in one transaction.
  Result<bool> save(const UrlState& state, const std::vector<AttemptRecord>& attempts);
  // Like save() for a URL whose body did not change: updates only the final URL, the
  // validators, the HTTP status and good_at, leaving the stored hash and records as they are
  // (cheaper than rewriting the records).
  Result<bool> save_unchanged(const UrlState& state, const std::vector<AttemptRecord>& attempts);
  // Appends attempts without changing the rest (a failure keeps the last good state).
  Result<bool> add_attempts(std::string_view url, const std::vector<AttemptRecord>& attempts);
  // The history of `url`, oldest first.
  Result<std::vector<AttemptRecord>> attempts(std::string_view url) const;

  // The keys of the stored URLs that start with `prefix` ("ptv:" for the PTV services), sorted.
  Result<std::vector<std::string>> keys(std::string_view prefix) const;

  // The date ("2026-11-23T06:00:00", UTC) from which the next run of the PTV selection
  // `selection` (the API base and its filters) asks for changed services; nullopt when no run of
  // it has completed.
  Result<std::optional<std::string>> ptv_since(std::string_view selection) const;
  // Stores `since` for `selection` after a run that completed at `completed_at` (Unix seconds).
  Result<bool> set_ptv_since(std::string_view selection, std::string_view since,
                             std::int64_t completed_at);

  // Named values.
  Result<std::optional<std::string>> value(std::string_view key) const;
  Result<bool> set_value(std::string_view key, std::string_view value);

  const std::string& path() const { return m_path; }

private:
  struct Impl;
  StateStore(std::string path, std::unique_ptr<Impl> impl);
  std::string m_path;
  std::unique_ptr<Impl> m_impl;
};

} // namespace svcdesc::fetch
