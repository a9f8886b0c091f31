// The state file of `svcdesc fetch`, in SQLite (wrapped here and only here).
//
// Schema (user_version 2):
//   urls(url PRIMARY KEY, final_url, etag, last_modified, sha256, records, http_status, good_at,
//        withdrawn, withdrawn_reason); a PTV service's key is "ptv:GUID"
//   attempts(url, time, http_status, outcome, error), the last StateStore::k_history per URL
//   meta(key PRIMARY KEY, value)
//   ptv_selections(selection PRIMARY KEY, since, completed_at): per PTV selection (API base and
//        filters), the date the next run asks for changes from (version 2)
// A new version appends a migration to k_migrations; open() applies the missing ones in one
// transaction. The file is checked before anything is written to it, so a file that is not ours
// is left as it was.
#include <svcdesc/fetch/state.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <filesystem>
#include <map>
#include <system_error>

namespace svcdesc::fetch {
namespace {

// k_migrations[i] brings a database from user_version i to i + 1.
constexpr std::array<std::string_view, StateStore::k_schema_version> k_migrations = {
    R"sql(
CREATE TABLE urls (
  url TEXT PRIMARY KEY NOT NULL,
  final_url TEXT NOT NULL DEFAULT '',
  etag TEXT,
  last_modified TEXT,
  sha256 TEXT NOT NULL DEFAULT '',
  records TEXT NOT NULL DEFAULT '',
  http_status INTEGER NOT NULL DEFAULT 0,
  good_at INTEGER NOT NULL DEFAULT 0,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  withdrawn_reason TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE attempts (
  url TEXT NOT NULL,
  time INTEGER NOT NULL,
  http_status INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attempts_by_url ON attempts (url, time);
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
)sql",
    R"sql(
CREATE TABLE ptv_selections (
  selection TEXT PRIMARY KEY NOT NULL,
  since TEXT NOT NULL,
  completed_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql",
    // The records out of the urls row: SQLite rewrites a whole row on any update, and in a
    // WITHOUT ROWID table a row of 10 KB of records spills into overflow pages, so every 304 (a
    // new good_at and validators) rewrote the records as well.
    R"sql(
CREATE TABLE url_records (url TEXT PRIMARY KEY NOT NULL, lines TEXT NOT NULL);
INSERT INTO url_records (url, lines) SELECT url, records FROM urls WHERE records <> '';
ALTER TABLE urls DROP COLUMN records;
)sql",
};

// A prepared statement, finalized when it goes out of scope.
// A prepared statement: owned (finalized when it goes out of scope) or borrowed from the cache
// of the store (reset and unbound when it goes out of scope, prepared once per run).
class Statement {
public:
  Statement(sqlite3* db, std::string_view sql) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) !=
        SQLITE_OK)
      m_stmt = nullptr;
  }
  explicit Statement(sqlite3_stmt* cached) : m_stmt(cached), m_owned(false) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() {
    if (m_owned) {
      sqlite3_finalize(m_stmt);
    } else if (m_stmt != nullptr) {
      sqlite3_reset(m_stmt);
      sqlite3_clear_bindings(m_stmt);
    }
  }
  explicit operator bool() const { return m_stmt != nullptr; }
  sqlite3_stmt* get() const { return m_stmt; }

  void bind(int index, std::string_view text) {
    sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void bind_optional(int index, const std::optional<std::string>& text) {
    if (text)
      bind(index, std::string_view(*text));
    else
      sqlite3_bind_null(m_stmt, index);
  }
  void bind(int index, std::int64_t value) { sqlite3_bind_int64(m_stmt, index, value); }
  std::string text(int column) const {
    const unsigned char* p = sqlite3_column_text(m_stmt, column);
    return p == nullptr ? std::string()
                        : std::string(reinterpret_cast<const char*>(p),
                                      static_cast<size_t>(sqlite3_column_bytes(m_stmt, column)));
  }
  std::optional<std::string> optional_text(int column) const {
    if (sqlite3_column_type(m_stmt, column) == SQLITE_NULL)
      return std::nullopt;
    return text(column);
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(m_stmt, column); }

private:
  sqlite3_stmt* m_stmt = nullptr;
  bool m_owned = true;
};

} // namespace

struct StateStore::Impl {
  sqlite3* db = nullptr;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements;
  ~Impl() {
    for (auto& [sql, stmt] : statements)
      sqlite3_finalize(stmt);
    sqlite3_close(db);
  }

  // The statement for `sql`, prepared on first use; null when it cannot be prepared.
  sqlite3_stmt* cached(std::string_view sql) {
    auto it = statements.find(sql);
    if (it != statements.end())
      return it->second;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK)
      return nullptr;
    statements.emplace(std::string(sql), stmt);
    return stmt;
  }

  std::string describe(std::string_view path, int code) const {
    int primary = code & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
      return fmt::format("state file {} is locked by another process (is another 'svcdesc fetch' "
                         "running with it?); try again when it has finished",
                         path);
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
      return fmt::format("state file {} is not an svcdesc state file or is damaged ({}); give "
                         "another --state, or move this one away to start afresh",
                         path, sqlite3_errstr(code));
    if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM)
      return fmt::format("cannot write state file {} ({}); check the directory and the "
                         "permissions",
                         path, db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
    if (primary == SQLITE_FULL)
      return fmt::format("cannot write state file {}: the disk is full", path);
    return fmt::format("state file {}: {}", path,
                       db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  }

  // The text in the first column of the row `sql` selects with `key` bound to its one parameter;
  // nullopt when there is no such row.
  Result<std::optional<std::string>> text_of(std::string_view path, std::string_view sql,
                                             std::string_view key) {
    Statement s(cached(sql));
    if (!s)
      return unexpected(describe(path, sqlite3_errcode(db)));
    s.bind(1, key);
    int rc = sqlite3_step(s.get());
    if (rc == SQLITE_DONE)
      return std::optional<std::string>();
    if (rc != SQLITE_ROW)
      return unexpected(describe(path, rc));
    return std::optional<std::string>(s.text(0));
  }

  // Runs statements that return no rows; the error code on failure, SQLITE_OK on success.
  int exec(std::string_view sql) const {
    return sqlite3_exec(db, std::string(sql).c_str(), nullptr, nullptr, nullptr);
  }

  // Appends attempts to the history of `url` and trims it to k_history; an SQLite result code.
  int insert_attempts(std::string_view url, const std::vector<AttemptRecord>& attempts) {
    if (attempts.empty())
      return SQLITE_OK;
    Statement insert(cached("INSERT INTO attempts (url, time, http_status, outcome, error) "
                            "VALUES (?, ?, ?, ?, ?)"));
    if (!insert)
      return sqlite3_errcode(db);
    for (const AttemptRecord& a : attempts) {
      insert.bind(1, url);
      insert.bind(2, a.time);
      insert.bind(3, static_cast<std::int64_t>(a.http_status));
      insert.bind(4, a.outcome);
      insert.bind(5, a.error);
      if (int rc = sqlite3_step(insert.get()); rc != SQLITE_DONE)
        return rc;
      sqlite3_reset(insert.get());
    }
    Statement trim(cached("DELETE FROM attempts WHERE url = ?1 AND rowid NOT IN (SELECT rowid FROM "
                          "attempts WHERE url = ?1 ORDER BY time DESC, rowid DESC LIMIT ?2)"));
    if (!trim)
      return sqlite3_errcode(db);
    trim.bind(1, url);
    trim.bind(2, std::int64_t{StateStore::k_history});
    int rc = sqlite3_step(trim.get());
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
  }

  // Runs `body` (which returns an SQLite result code) in one write transaction, committed when it
  // returns SQLITE_OK and rolled back otherwise.
  template <typename Body> Result<bool> transaction(std::string_view path, Body body) const {
    int rc = exec("BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
      return unexpected(describe(path, rc));
    rc = body();
    if (rc == SQLITE_OK)
      rc = exec("COMMIT");
    if (rc != SQLITE_OK) {
      std::string message = describe(path, rc);
      exec("ROLLBACK");
      return unexpected(message);
    }
    return true;
  }
};

StateStore::StateStore(std::string path, std::unique_ptr<Impl> impl)
    : m_path(std::move(path)), m_impl(std::move(impl)) {}
StateStore::StateStore(StateStore&&) noexcept = default;
StateStore& StateStore::operator=(StateStore&&) noexcept = default;
StateStore::~StateStore() = default;

Result<StateStore> StateStore::open(const std::string& path, int busy_timeout_ms) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return unexpected(fmt::format("state file {} is a directory; give a file name", path));
  auto impl = std::make_unique<Impl>();
  int rc =
      sqlite3_open_v2(path.c_str(), &impl->db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK)
    return unexpected(impl->describe(path, rc));
  sqlite3_extended_result_codes(impl->db, 1);
  sqlite3_busy_timeout(impl->db, busy_timeout_ms);

  // Look before writing: these only read, and fail on a file that is not a database.
  auto number = [&](const char* sql) -> Result<std::int64_t> {
    Statement s(impl->db, sql);
    int step = s ? sqlite3_step(s.get()) : sqlite3_errcode(impl->db);
    if (step != SQLITE_ROW)
      return unexpected(impl->describe(path, step));
    return s.integer(0);
  };
  auto user_version = number("PRAGMA user_version");
  if (!user_version)
    return user_version.error();
  auto table_count = number("SELECT count(*) FROM sqlite_master");
  if (!table_count)
    return table_count.error();
  int version = static_cast<int>(*user_version);
  std::int64_t tables = *table_count;
  if (version > k_schema_version)
    return unexpected(fmt::format(
        "state file {} was written by a newer svcdesc (state schema version {}, this svcdesc "
        "knows up to {}); use the newer svcdesc, or give another --state",
        path, version, k_schema_version));
  if (version == 0 && tables > 0)
    return unexpected(fmt::format("state file {} is an SQLite database of some other program; "
                                  "give another --state",
                                  path));

  // Hold the file for the whole run: a second run on it fails instead of interleaving.
  if (rc = impl->exec("PRAGMA locking_mode=EXCLUSIVE"); rc != SQLITE_OK)
    return unexpected(impl->describe(path, rc));
  {
    Statement s(impl->db, "PRAGMA journal_mode=WAL");
    rc = s ? sqlite3_step(s.get()) : sqlite3_errcode(impl->db);
    if (rc != SQLITE_ROW)
      return unexpected(impl->describe(path, rc));
  }
  // WAL with synchronous=NORMAL: a killed process loses nothing committed; a power cut may lose
  // the last commits but never corrupts the file.
  if (rc = impl->exec("PRAGMA synchronous=NORMAL"); rc != SQLITE_OK)
    return unexpected(impl->describe(path, rc));
  // Take the lock now, so that "locked" is reported before any network work.
  if (rc = impl->exec("BEGIN IMMEDIATE"); rc != SQLITE_OK)
    return unexpected(impl->describe(path, rc));
  for (int v = version; v < k_schema_version; ++v) {
    if (rc = impl->exec(k_migrations[static_cast<size_t>(v)]); rc != SQLITE_OK) {
      std::string message = impl->describe(path, rc);
      impl->exec("ROLLBACK");
      return unexpected(message);
    }
  }
  if (version != k_schema_version) {
    if (rc = impl->exec(fmt::format("PRAGMA user_version={}", k_schema_version)); rc != SQLITE_OK) {
      std::string message = impl->describe(path, rc);
      impl->exec("ROLLBACK");
      return unexpected(message);
    }
  }
  if (rc = impl->exec("COMMIT"); rc != SQLITE_OK) {
    std::string message = impl->describe(path, rc);
    impl->exec("ROLLBACK");
    return unexpected(message);
  }
  return StateStore(path, std::move(impl));
}

Result<std::optional<UrlState>> StateStore::get(std::string_view url, Records records) const {
  Statement s(m_impl->cached(
      records == Records::read
          ? "SELECT u.final_url, u.etag, u.last_modified, u.sha256, r.lines, u.http_status, "
            "u.good_at, u.withdrawn, u.withdrawn_reason, r.url IS NOT NULL FROM urls u "
            "LEFT JOIN url_records r ON r.url = u.url WHERE u.url = ?"
          : "SELECT u.final_url, u.etag, u.last_modified, u.sha256, NULL, u.http_status, "
            "u.good_at, u.withdrawn, u.withdrawn_reason, "
            "EXISTS (SELECT 1 FROM url_records r WHERE r.url = u.url) FROM urls u WHERE u.url = ?"));
  if (!s)
    return unexpected(m_impl->describe(m_path, sqlite3_errcode(m_impl->db)));
  s.bind(1, url);
  int rc = sqlite3_step(s.get());
  if (rc == SQLITE_DONE)
    return std::optional<UrlState>();
  if (rc != SQLITE_ROW)
    return unexpected(m_impl->describe(m_path, rc));
  UrlState state;
  state.url = std::string(url);
  state.final_url = s.text(0);
  state.etag = s.optional_text(1);
  state.last_modified = s.optional_text(2);
  state.sha256 = s.text(3);
  state.records = s.text(4);
  state.http_status = static_cast<long>(s.integer(5));
  state.good_at = s.integer(6);
  state.withdrawn = s.integer(7) != 0;
  state.withdrawn_reason = s.text(8);
  state.has_records = s.integer(9) != 0;
  return std::optional<UrlState>(std::move(state));
}

Result<bool> StateStore::save(const UrlState& state, const std::vector<AttemptRecord>& attempts) {
  return m_impl->transaction(m_path, [&] {
    Statement s(
        m_impl->cached("INSERT OR REPLACE INTO urls (url, final_url, etag, last_modified, sha256, "
                       "http_status, good_at, withdrawn, withdrawn_reason) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!s)
      return sqlite3_errcode(m_impl->db);
    s.bind(1, state.url);
    s.bind(2, state.final_url);
    s.bind_optional(3, state.etag);
    s.bind_optional(4, state.last_modified);
    s.bind(5, state.sha256);
    s.bind(6, static_cast<std::int64_t>(state.http_status));
    s.bind(7, state.good_at);
    s.bind(8, std::int64_t{state.withdrawn ? 1 : 0});
    s.bind(9, state.withdrawn_reason);
    int rc = sqlite3_step(s.get());
    if (rc != SQLITE_DONE)
      return rc;
    Statement r(m_impl->cached(state.records.empty()
                                   ? "DELETE FROM url_records WHERE url = ?1"
                                   : "INSERT OR REPLACE INTO url_records (url, lines) VALUES (?1, ?2)"));
    if (!r)
      return sqlite3_errcode(m_impl->db);
    r.bind(1, state.url);
    if (!state.records.empty())
      r.bind(2, state.records);
    rc = sqlite3_step(r.get());
    return rc == SQLITE_DONE ? m_impl->insert_attempts(state.url, attempts) : rc;
  });
}

Result<bool> StateStore::save_unchanged(const UrlState& state,
                                        const std::vector<AttemptRecord>& attempts) {
  return m_impl->transaction(m_path, [&] {
    Statement s(m_impl->cached("UPDATE urls SET final_url = ?, etag = ?, last_modified = ?, "
                               "http_status = ?, good_at = ? WHERE url = ?"));
    if (!s)
      return sqlite3_errcode(m_impl->db);
    s.bind(1, state.final_url);
    s.bind_optional(2, state.etag);
    s.bind_optional(3, state.last_modified);
    s.bind(4, static_cast<std::int64_t>(state.http_status));
    s.bind(5, state.good_at);
    s.bind(6, state.url);
    int rc = sqlite3_step(s.get());
    return rc == SQLITE_DONE ? m_impl->insert_attempts(state.url, attempts) : rc;
  });
}

Result<bool> StateStore::add_attempts(std::string_view url,
                                      const std::vector<AttemptRecord>& attempts) {
  return m_impl->transaction(m_path, [&] { return m_impl->insert_attempts(url, attempts); });
}

Result<std::vector<AttemptRecord>> StateStore::attempts(std::string_view url) const {
  Statement s(m_impl->cached("SELECT time, http_status, outcome, error FROM attempts WHERE url = ? "
                             "ORDER BY time, rowid"));
  if (!s)
    return unexpected(m_impl->describe(m_path, sqlite3_errcode(m_impl->db)));
  s.bind(1, url);
  std::vector<AttemptRecord> out;
  int rc = 0;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW)
    out.push_back(
        AttemptRecord{s.integer(0), static_cast<long>(s.integer(1)), s.text(2), s.text(3)});
  if (rc != SQLITE_DONE)
    return unexpected(m_impl->describe(m_path, rc));
  return out;
}

Result<std::vector<std::string>> StateStore::keys(std::string_view prefix) const {
  // A range rather than LIKE: the primary key's index answers it, and '%' or '_' in a prefix
  // mean nothing special.
  Statement s(m_impl->cached("SELECT url FROM urls WHERE url >= ?1 AND url < ?1 || char(1114111) "
                             "ORDER BY url"));
  if (!s)
    return unexpected(m_impl->describe(m_path, sqlite3_errcode(m_impl->db)));
  s.bind(1, prefix);
  std::vector<std::string> out;
  int rc = 0;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW)
    out.push_back(s.text(0));
  if (rc != SQLITE_DONE)
    return unexpected(m_impl->describe(m_path, rc));
  return out;
}

Result<std::optional<std::string>> StateStore::ptv_since(std::string_view selection) const {
  return m_impl->text_of(m_path, "SELECT since FROM ptv_selections WHERE selection = ?", selection);
}

Result<bool> StateStore::set_ptv_since(std::string_view selection, std::string_view since,
                                       std::int64_t completed_at) {
  return m_impl->transaction(m_path, [&] {
    Statement s(m_impl->cached(
        "INSERT OR REPLACE INTO ptv_selections (selection, since, completed_at) VALUES (?, ?, ?)"));
    if (!s)
      return sqlite3_errcode(m_impl->db);
    s.bind(1, selection);
    s.bind(2, since);
    s.bind(3, completed_at);
    int rc = sqlite3_step(s.get());
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
  });
}

Result<std::optional<std::string>> StateStore::value(std::string_view key) const {
  return m_impl->text_of(m_path, "SELECT value FROM meta WHERE key = ?", key);
}

Result<bool> StateStore::set_value(std::string_view key, std::string_view value) {
  Statement s(m_impl->cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"));
  if (!s)
    return unexpected(m_impl->describe(m_path, sqlite3_errcode(m_impl->db)));
  s.bind(1, key);
  s.bind(2, value);
  if (int rc = sqlite3_step(s.get()); rc != SQLITE_DONE)
    return unexpected(m_impl->describe(m_path, rc));
  return true;
}

} // namespace svcdesc::fetch
