// The keyed diff of two record sets, built so that memory grows with the number of keys and not
// with the size of the records.
//
// Pass 1 reads each input once (the two inputs on two threads) and keeps, per record, 32 bytes: a
// 64-bit hash of its key, a 64-bit hash of its normalized content, its byte offset and length, and
// its line. The content hash is taken over the parsed JSON with the ignored fields left out, member
// order not counting, null members counting as absent, strings in NFC with whitespace collapsed,
// numbers by value, and the lists whose order means nothing (areas, languages, producers, contacts,
// warnings) hashed as multisets. Sorting both tables by key hash and merging them gives the added,
// removed, unchanged and possibly changed records; pass 2 re-reads only the possibly changed ones
// (by offset, with pread) and the added and removed ones, and walks the two JSON trees with the
// same hash to find the fields that differ. A reordering of sections, whose hash is taken in order,
// can reach pass 2 and then turn out to change no field; such a record counts as unchanged.
//
// Inputs that cannot seek (standard input, pipes) are first copied to an anonymous temporary file
// so that they can be re-read the same way; that copy is on disk, not in memory.
//
// When the tables do not fit in Options::memory_limit, pass 1 becomes an external merge sort: each
// time an input's table is full it is sorted and written to a temporary file as a run, and the
// sorted order is read back by merging the runs (a heap over one buffer per run). Both paths give
// the entries in the same order, by key hash and then by offset, so the output is the same.
// Temporary files are unlinked as soon as they are created, so nothing is left behind.
#include <svcdesc/diff/diff.hpp>

#include <svcdesc/core/atomic_file.hpp>

#include <svcdesc/record/stream.hpp>
#include <svcdesc/text/utf8.hpp>

#include "diff/diff_internal.hpp"
#include "record/rapidjson.hpp"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace svcdesc::diff {
namespace {

using Value = rapidjson::Value;

// ---- hashing ---------------------------------------------------------------------------------

constexpr std::uint64_t k_mul = 0x9E3779B97F4A7C15ULL;

std::uint64_t fmix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}

std::uint64_t hash_bytes(std::string_view s, std::uint64_t seed) {
  std::uint64_t h = seed ^ (s.size() * k_mul);
  const char* p = s.data();
  size_t n = s.size();
  while (n >= 8) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, 8);
    h = (h ^ v) * k_mul;
    h = (h << 31) | (h >> 33);
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, n);
    h = (h ^ v) * k_mul;
  }
  return fmix(h);
}

enum Tag : std::uint64_t { t_null = 1, t_false, t_true, t_number, t_string, t_object, t_array };

// ---- text normalization ----------------------------------------------------------------------

// True when `s` can be compared as it is: valid UTF-8 whose code points need no NFC work (all
// below U+0300, or common punctuation and the euro sign), no odd spaces or soft hyphens, no
// control characters, no runs of spaces and no space at either end. Nearly all record text is.
bool plain_text(std::string_view s) {
  if (s.empty())
    return true;
  if (s.front() == ' ' || s.back() == ' ')
    return false;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  unsigned char prev = 0;
  // Printable ASCII without two spaces in a row, most of the text, is checked eight bytes at a
  // time; eight bytes with anything else (a byte of 0x80 or more, a control character, a second
  // space) are checked one by one.
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_high = 0x8080808080808080ULL;
  for (size_t i = 0; i < n;) {
    size_t stop = std::min(n, i + 8);
    if (stop == i + 8) {
      std::uint64_t w = 0;
      std::memcpy(&w, p + i, 8);
      std::uint64_t control = (w - 0x20 * k_ones) & ~w & k_high; // any byte below 0x20
      std::uint64_t x = w ^ (0x20 * k_ones);
      std::uint64_t space = ~(((x & ~k_high) + ~k_high) | x | ~k_high); // high bit: a space
      std::uint64_t pairs = space & ((space << 8) | (prev == ' ' ? 0x80U : 0U));
      if ((w & k_high) == 0 && control == 0 && pairs == 0) {
        prev = p[i + 7];
        i = stop;
        continue;
      }
    }
    while (i < stop) {
      unsigned char c = p[i];
      if (c < 0x80) {
        if (c < 0x20 || (c == ' ' && prev == ' '))
          return false;
        prev = c;
        ++i;
        continue;
      }
      prev = c;
      if (c >= 0xC2 && c <= 0xCB && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
        if (c == 0xC2 && (p[i + 1] < 0xA1 || p[i + 1] == 0xAD)) // C1 controls, NBSP, soft hyphen
          return false;
        i += 2;
        continue;
      }
      if (c == 0xE2 && i + 2 < n) {
        unsigned char b = p[i + 1];
        unsigned char d = p[i + 2];
        // U+2010..U+2027 (dashes, quotes, bullets, ellipsis) and U+20AC (euro)
        if ((b == 0x80 && d >= 0x90 && d <= 0xA7) || (b == 0x82 && d == 0xAC)) {
          i += 3;
          continue;
        }
      }
      return false;
    }
  }
  return true;
}

// The form strings are compared in: NFC, odd spaces and soft hyphens as clean_text() treats them,
// whitespace runs collapsed to one space, no space at the ends. Returns `s` itself when it is
// already in that form, otherwise a view of `scratch`.
std::string_view normalize(std::string_view s, std::string& scratch) {
  if (plain_text(s))
    return s;
  scratch = text::collapse_spaces(text::clean_text(s));
  return scratch;
}

// ---- field patterns --------------------------------------------------------------------------

// A trie of dotted field patterns ("provenance.*.line"): each node says whether the field it
// stands for is ignored, compared as a set, or is the sections list (matched by kind).
class Patterns {
public:
  // status: source.status, whose values parsed, fetched and unchanged all say the record is
  // current (how it was obtained, not what it says) and compare equal; carried_over and
  // withdrawn are changes.
  enum Mark : unsigned { ignore = 1, set = 2, sections = 4, status = 8 };

  Patterns() : m_nodes(1) {}

  void add(std::string_view path, unsigned mark) {
    size_t node = 0;
    for (std::string_view segment : text::split_trimmed(path, '.')) {
      size_t next = 0;
      for (const auto& [name, child] : m_nodes[node].children)
        if (name == segment)
          next = child;
      if (next == 0) {
        next = m_nodes.size();
        m_nodes[node].children.emplace_back(std::string(segment), next);
        m_nodes.emplace_back();
      }
      node = next;
    }
    m_nodes[node].marks |= mark;
  }

  // The set of trie nodes a field path has reached; empty once no pattern can match below.
  struct State {
    std::array<std::uint32_t, 4> nodes{};
    unsigned count = 0;
    unsigned marks = 0;
  };

  State root() const {
    State s;
    s.nodes[0] = 0;
    s.count = 1;
    return s;
  }

  State descend(const State& from, std::string_view name) const {
    State s;
    for (unsigned i = 0; i < from.count; ++i) {
      for (const auto& [segment, child] : m_nodes[from.nodes[i]].children) {
        if ((segment == name || segment == "*") && s.count < s.nodes.size()) {
          s.nodes[s.count++] = static_cast<std::uint32_t>(child);
          s.marks |= m_nodes[child].marks;
        }
      }
    }
    return s;
  }

private:
  struct Node {
    std::vector<std::pair<std::string, size_t>> children;
    unsigned marks = 0;
  };
  std::vector<Node> m_nodes;
};

Patterns make_patterns(const Options& options) {
  Patterns p;
  for (std::string_view set : {"area.municipalities", "area.regions",
                               "area.wellbeing_services_counties", "area.unmatched", "languages",
                               "organisation.producers", "organisation.other_responsible",
                               "contacts", "warnings"})
    p.add(set, Patterns::set);
  p.add("sections", Patterns::sections);
  if (!options.keep_volatile)
    p.add("source.status", Patterns::status);
  if (!options.keep_volatile)
    for (const std::string& f : volatile_fields())
      p.add(f, Patterns::ignore);
  for (const std::string& f : options.ignore)
    p.add(f, Patterns::ignore);
  return p;
}

// ---- hashing JSON values ---------------------------------------------------------------------

class ValueHasher {
public:
  explicit ValueHasher(const Patterns& patterns) : m_patterns(patterns) {}

  std::uint64_t hash(const Value* v, const Patterns::State& state) {
    if (v == nullptr || v->IsNull())
      return fmix(t_null);
    switch (v->GetType()) {
    case rapidjson::kNullType:
      return fmix(t_null);
    case rapidjson::kFalseType:
      return fmix(t_false);
    case rapidjson::kTrueType:
      return fmix(t_true);
    case rapidjson::kNumberType: {
      double d = v->GetDouble();
      if (d == 0)
        d = 0; // -0 == 0
      std::uint64_t bits = 0;
      std::memcpy(&bits, &d, sizeof bits);
      return fmix(bits ^ (t_number * k_mul));
    }
    case rapidjson::kStringType: {
      std::string_view text(v->GetString(), v->GetStringLength());
      if ((state.marks & Patterns::status) != 0 &&
          (text == "parsed" || text == "fetched" || text == "unchanged"))
        text = "current";
      return hash_bytes(normalize(text, m_scratch), t_string);
    }
    case rapidjson::kObjectType: {
      std::uint64_t sum = 0;
      bool any = false;
      for (const auto& m : v->GetObject()) {
        if (m.value.IsNull())
          continue;
        std::string_view name(m.name.GetString(), m.name.GetStringLength());
        Patterns::State child = state.count > 0 ? m_patterns.descend(state, name) : Patterns::State{};
        if ((child.marks & Patterns::ignore) != 0)
          continue;
        sum += fmix(hash_bytes(name, t_object) * k_mul + hash(&m.value, child));
        any = true;
      }
      // An object with nothing left to compare counts as absent, as null does.
      return any ? fmix(sum ^ (t_object * k_mul)) : fmix(t_null);
    }
    case rapidjson::kArrayType: {
      bool as_set = (state.marks & Patterns::set) != 0;
      std::uint64_t h = t_array * k_mul;
      for (const Value& e : v->GetArray()) {
        std::uint64_t eh = hash(&e, state);
        if (as_set)
          h += fmix(eh);
        else
          h = fmix(h ^ eh) * k_mul;
      }
      return fmix(h ^ (as_set ? 1U : 2U));
    }
    }
    return 0;
  }

private:
  const Patterns& m_patterns;
  std::string m_scratch;
};

std::string to_json_text(const Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

const Value* member(const Value& object, std::string_view name) {
  if (!object.IsObject())
    return nullptr;
  // A Value, not a StringRef: that would decay to a const char* and be read up to a NUL.
  Value key(rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size())));
  auto it = object.FindMember(key);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

const Value* at_path(const Value& root, std::string_view path) {
  const Value* v = &root;
  for (std::string_view segment : text::split_trimmed(path, '.')) {
    v = member(*v, segment);
    if (v == nullptr)
      return nullptr;
  }
  return v;
}

std::optional<std::string> string_member(const Value& root, std::string_view name) {
  const Value* v = member(root, name);
  if (v == nullptr || !v->IsString())
    return std::nullopt;
  return std::string(v->GetString(), v->GetStringLength());
}

// A parsed record whose allocations come from one reusable pool, so that a million records cost
// no million mallocs.
class Parser {
public:
  Parser() : m_pool(m_buffer.data(), m_buffer.size()), m_doc(&m_pool) {}
  // Parses `json` in place (it is modified). Returns nullptr on a syntax error, with `error` set.
  const Value* parse(std::string& json, Problem& error) {
    m_doc.SetNull();
    m_pool.Clear();
    if (std::optional<size_t> deep = record::too_deep_at(json)) {
      error.column = static_cast<int>(*deep) + 1;
      error.message = fmt::format("not valid JSON: {}", record::k_too_deep_message);
      return nullptr;
    }
    m_doc.ParseInsitu(json.data());
    if (m_doc.HasParseError()) {
      error.column = static_cast<int>(m_doc.GetErrorOffset()) + 1;
      std::string what = rapidjson::GetParseError_En(m_doc.GetParseError());
      if (!what.empty() && what.back() == '.')
        what.pop_back();
      if (!what.empty() && what[0] >= 'A' && what[0] <= 'Z')
        what[0] = static_cast<char>(what[0] - 'A' + 'a');
      error.message = fmt::format("not valid JSON: {}", what);
      return nullptr;
    }
    if (!m_doc.IsObject()) {
      error.column = 1;
      error.message = "a record must be a JSON object";
      return nullptr;
    }
    return &m_doc;
  }

private:
  std::array<char, 1 << 16> m_buffer{};
  rapidjson::MemoryPoolAllocator<> m_pool;
  rapidjson::Document m_doc;
};

// The key of a record as (field, JSON text) pairs, or an error message.
bool record_key(const Value& record, const std::vector<std::string>& fields,
                std::vector<std::pair<std::string, std::string>>& key, std::string& error) {
  key.clear();
  for (const std::string& f : fields) {
    const Value* v = at_path(record, f);
    if (v == nullptr || !(v->IsString() || v->IsNumber())) {
      error = v == nullptr || v->IsNull()
                  ? fmt::format("the record has no key field '{}'", f)
                  : fmt::format("key field '{}' is neither a string nor a number", f);
      return false;
    }
    key.emplace_back(f, to_json_text(*v));
  }
  return true;
}

std::uint64_t key_hash(const std::vector<std::pair<std::string, std::string>>& key) {
  std::uint64_t h = 0x4B4559;
  for (const auto& kv : key)
    h = fmix(h * k_mul + hash_bytes(kv.second, 0x1F));
  return h;
}

// ---- pass 1 ----------------------------------------------------------------------------------

struct Entry {
  std::uint64_t key = 0;
  std::uint64_t content = 0;
  std::uint64_t offset = 0;
  std::uint32_t length = 0;
  std::int32_t line = 0;
};
static_assert(sizeof(Entry) == 32);

// The order of the tables: by key hash, then by position in the input (a total order, so that
// sorting in memory and merging runs from disk agree).
bool entry_less(const Entry& x, const Entry& y) {
  return x.key != y.key ? x.key < y.key : x.offset < y.offset;
}

// The entries of one input, sorted. Up to `capacity` entries are kept in memory; past that, every
// full table is sorted and appended to a temporary file as a run, and Cursor merges the runs.
class EntryTable {
public:
  EntryTable(size_t capacity, std::string temp_dir)
      : m_capacity(std::max<size_t>(capacity, 2)), m_temp_dir(std::move(temp_dir)) {}

  // Adds an entry; false with `error` set when a run cannot be written.
  bool add(const Entry& e, std::string& error) {
    if (m_entries.size() == m_entries.capacity()) // grow as usual, but never past the capacity
      m_entries.reserve(std::min(m_capacity, std::max<size_t>(64, 2 * m_entries.size())));
    m_entries.push_back(e);
    ++m_size;
    return m_entries.size() < m_capacity || spill(error);
  }

  // Sorts the entries; call once, after the last add().
  bool finish(std::string& error) {
    if (!m_file) {
      std::sort(m_entries.begin(), m_entries.end(), entry_less);
      return true;
    }
    bool ok = m_entries.empty() || spill(error);
    m_entries = {}; // the memory goes to the buffers of the merge
    return ok;
  }

  size_t size() const { return m_size; }

  // Reads the entries in order. current() is nullptr at the end, or after a read error (error()).
  class Cursor {
  public:
    explicit Cursor(const EntryTable& table) : m_table(table) {
      if (!table.m_file) {
        m_next = table.m_entries.data();
        m_end = m_next + table.m_entries.size();
        return;
      }
      // No run when the first one could not be written: the table reads as empty, and the
      // caller reports the write error.
      size_t buffer = std::max<size_t>(64, table.m_capacity / std::max<size_t>(1, table.m_runs.size()));
      m_readers.reserve(table.m_runs.size());
      for (const Run& run : table.m_runs) {
        m_readers.push_back({run.first, run.count, {}, 0});
        m_readers.back().buffer.reserve(std::min<std::uint64_t>(buffer, run.count));
        if (refill(m_readers.back()))
          m_heap.push_back(m_readers.size() - 1);
      }
      std::make_heap(m_heap.begin(), m_heap.end(), Later{this});
    }
    Cursor(const Cursor&) = delete;
    Cursor& operator=(const Cursor&) = delete;

    const Entry* current() const {
      if (!m_table.m_file)
        return m_next == m_end ? nullptr : m_next;
      return m_heap.empty() || !m_error.empty() ? nullptr : &head(m_heap.front());
    }

    void advance() {
      if (!m_table.m_file) {
        ++m_next;
        return;
      }
      if (m_heap.empty() || !m_error.empty())
        return;
      std::pop_heap(m_heap.begin(), m_heap.end(), Later{this});
      Reader& r = m_readers[m_heap.back()];
      if (++r.pos < r.buffer.size() || refill(r))
        std::push_heap(m_heap.begin(), m_heap.end(), Later{this});
      else
        m_heap.pop_back();
    }

    const std::string& error() const { return m_error; }

  private:
    struct Reader {
      std::uint64_t next;  // the next entry of the file to read into the buffer
      std::uint64_t left;  // entries of the run not yet read into the buffer
      std::vector<Entry> buffer;
      size_t pos;
    };

    const Entry& head(size_t reader) const {
      return m_readers[reader].buffer[m_readers[reader].pos];
    }

    // The heap's order: the reader whose head comes later sinks.
    struct Later {
      const Cursor* cursor;
      bool operator()(size_t a, size_t b) const {
        return entry_less(cursor->head(b), cursor->head(a));
      }
    };

    bool refill(Reader& r) {
      size_t n = static_cast<size_t>(std::min<std::uint64_t>(r.left, r.buffer.capacity()));
      r.buffer.resize(n);
      r.pos = 0;
      if (n == 0)
        return false;
      size_t bytes = n * sizeof(Entry);
      ssize_t got = ::pread(::fileno(m_table.m_file.get()), r.buffer.data(), bytes,
                            static_cast<off_t>(r.next * sizeof(Entry)));
      if (got != static_cast<ssize_t>(bytes)) {
        // current() is nullptr from now on; the heap is left alone, as advance() is using it.
        m_error = fmt::format("cannot read a temporary file: {}",
                              got < 0 ? std::strerror(errno) : "short read");
        return false;
      }
      r.next += n;
      r.left -= n;
      return true;
    }

    const EntryTable& m_table;
    const Entry* m_next = nullptr;
    const Entry* m_end = nullptr;
    std::vector<Reader> m_readers;
    std::vector<size_t> m_heap; // readers with entries left, the smallest head first
    std::string m_error;
  };

private:
  struct Run {
    std::uint64_t first; // in entries from the start of the file
    std::uint64_t count;
  };

  // Sorts the table and appends it to the temporary file as a run.
  bool spill(std::string& error) {
    if (!m_file) {
      auto file = core::temporary_file(m_temp_dir, "svcdesc-diff");
      if (!file) {
        error = file.error().message;
        return false;
      }
      m_file.reset(*file);
    }
    std::sort(m_entries.begin(), m_entries.end(), entry_less);
    std::uint64_t first = m_runs.empty() ? 0 : m_runs.back().first + m_runs.back().count;
    if (std::fwrite(m_entries.data(), sizeof(Entry), m_entries.size(), m_file.get()) !=
            m_entries.size() ||
        std::fflush(m_file.get()) != 0) {
      error = fmt::format("cannot write a temporary file in {}: {}", m_temp_dir,
                          std::strerror(errno));
      return false;
    }
    m_runs.push_back({first, m_entries.size()});
    m_entries.clear();
    return true;
  }

  size_t m_capacity;
  std::string m_temp_dir;
  std::vector<Entry> m_entries;
  size_t m_size = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> m_file{nullptr, &std::fclose};
  std::vector<Run> m_runs;
};

struct Side {
  Input input;
  EntryTable entries;
  std::optional<record::RecordStream> stream;
  std::vector<Problem> problems;
  bool cancelled = false;

  void problem(int line, int column, std::string message) {
    problems.push_back({input.name, line, column, std::move(message)});
  }
  // A problem of the temporary files, not of the input.
  void tool_problem(std::string message) {
    problems.push_back({"svcdesc", 0, 0, std::move(message)});
  }
};

// Opens an input as a seekable stream, copying standard input and pipes to a temporary file.
bool open_side(Side& side, const std::string& temp_dir) {
  std::FILE* file = nullptr;
  bool owned = false;
  if (side.input.path == "-") {
    file = stdin;
  } else {
    struct stat st {};
    if (::stat(side.input.path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      side.problem(0, 0, "is a directory");
      return false;
    }
    file = std::fopen(side.input.path.c_str(), "rb");
    if (file == nullptr) {
      side.problem(0, 0, fmt::format("cannot open: {}", std::strerror(errno)));
      return false;
    }
    owned = true;
  }
  struct stat st {};
  if (::fstat(::fileno(file), &st) != 0 || !S_ISREG(st.st_mode)) {
    auto temporary = core::temporary_file(temp_dir, "svcdesc-diff");
    if (!temporary) {
      side.tool_problem(temporary.error().message);
      if (owned)
        std::fclose(file);
      return false;
    }
    std::FILE* spool = *temporary;
    std::array<char, 1 << 16> buffer{};
    size_t n = 0;
    bool ok = true;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), file)) > 0)
      ok = ok && std::fwrite(buffer.data(), 1, n, spool) == n;
    bool read_failed = std::ferror(file) != 0;
    if (owned)
      std::fclose(file);
    if (read_failed || !ok || std::fflush(spool) != 0) {
      side.problem(0, 0, read_failed ? "read error" : "cannot write the temporary copy");
      std::fclose(spool);
      return false;
    }
    std::rewind(spool);
    file = spool;
    owned = true;
  }
  side.stream.emplace(record::RecordStream::from_file(file, owned));
  return true;
}

void read_side(Side& side, const Options& options, const Patterns& patterns) {
  if (!open_side(side, options.temp_dir))
    return;
  Parser parser;
  ValueHasher hasher(patterns);
  std::vector<std::pair<std::string, std::string>> key;
  std::string key_error;
  size_t count = 0;
  while (auto next = side.stream->next()) {
    if ((++count & 1023) == 0 && options.cancelled && options.cancelled()) {
      side.cancelled = true;
      return;
    }
    if (!*next) {
      side.problem(next->error().line, next->error().column, next->error().message);
      continue;
    }
    record::RecordText& text = next->value();
    Entry e;
    e.offset = text.offset;
    e.line = text.line;
    if (text.json.size() > UINT32_MAX) {
      side.problem(text.line, 0, "record too large");
      continue;
    }
    e.length = static_cast<std::uint32_t>(text.json.size());
    Problem error{side.input.name, text.line, 0, {}};
    const Value* record = parser.parse(text.json, error);
    if (record == nullptr) {
      side.problems.push_back(std::move(error));
      continue;
    }
    if (!record_key(*record, options.key, key, key_error)) {
      side.problem(text.line, 0, key_error);
      continue;
    }
    e.key = key_hash(key);
    e.content = hasher.hash(record, patterns.root());
    if (!side.entries.add(e, key_error)) {
      side.tool_problem(key_error);
      return;
    }
  }
  if (!side.entries.finish(key_error))
    side.tool_problem(key_error);
}

// ---- pass 2 ----------------------------------------------------------------------------------

std::string pointer_token(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

class FieldDiffer {
public:
  FieldDiffer(const Patterns& patterns, std::vector<FieldChange>& out)
      : m_patterns(patterns), m_hasher(patterns), m_out(out) {}

  void objects(const Value& a, const Value& b, const Patterns::State& state,
               const std::string& path, const std::string& pointer) {
    auto visit = [&](std::string_view name, const Value* o, const Value* n) {
      Patterns::State child = state.count > 0 ? m_patterns.descend(state, name) : Patterns::State{};
      if ((child.marks & Patterns::ignore) != 0)
        return;
      if (m_hasher.hash(o, child) == m_hasher.hash(n, child))
        return;
      std::string p = path.empty() ? std::string(name) : path + "." + std::string(name);
      std::string ptr = pointer + "/" + pointer_token(name);
      if (o != nullptr && n != nullptr && o->IsObject() && n->IsObject() &&
          (child.marks & Patterns::set) == 0) {
        objects(*o, *n, child, p, ptr);
        return;
      }
      if ((child.marks & Patterns::sections) != 0 && o != nullptr && n != nullptr &&
          sections(*o, *n, child, p, ptr))
        return;
      m_out.push_back({p, ptr, o == nullptr ? std::nullopt : std::optional(to_json_text(*o)),
                       n == nullptr ? std::nullopt : std::optional(to_json_text(*n))});
    };
    for (const auto& m : a.GetObject()) {
      std::string_view name(m.name.GetString(), m.name.GetStringLength());
      visit(name, &m.value, member(b, name));
    }
    for (const auto& m : b.GetObject()) {
      std::string_view name(m.name.GetString(), m.name.GetStringLength());
      if (member(a, name) == nullptr)
        visit(name, nullptr, &m.value);
    }
  }

private:
  // Sections with the same unique kinds on both sides are compared kind by kind
  // ("sections[kind=conditions].text"); otherwise the caller reports the whole list.
  bool sections(const Value& a, const Value& b, const Patterns::State& state,
                const std::string& path, const std::string& pointer) {
    if (!a.IsArray() || !b.IsArray() || a.Size() != b.Size())
      return false;
    auto kinds = [](const Value& list, std::vector<std::string>& out) {
      for (const Value& s : list.GetArray()) {
        std::optional<std::string> k = s.IsObject() ? string_member(s, "kind") : std::nullopt;
        if (!k)
          return false;
        out.push_back(*k);
      }
      std::vector<std::string> sorted = out;
      std::sort(sorted.begin(), sorted.end());
      return std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
    };
    std::vector<std::string> ka;
    std::vector<std::string> kb;
    if (!kinds(a, ka) || !kinds(b, kb))
      return false;
    for (const std::string& k : ka)
      if (std::find(kb.begin(), kb.end(), k) == kb.end())
        return false;
    for (rapidjson::SizeType i = 0; i < a.Size(); ++i) {
      size_t j = static_cast<size_t>(std::find(kb.begin(), kb.end(), ka[i]) - kb.begin());
      const Value& o = a[i];
      const Value& n = b[static_cast<rapidjson::SizeType>(j)];
      if (m_hasher.hash(&o, state) != m_hasher.hash(&n, state))
        objects(o, n, state, fmt::format("{}[kind={}]", path, ka[i]), fmt::format("{}/{}", pointer, i));
    }
    return true;
  }

  const Patterns& m_patterns;
  ValueHasher m_hasher;
  std::vector<FieldChange>& m_out;
};

bool is_date_field(std::string_view top) { return top == "updated" || top == "dates"; }

bool is_bookkeeping_field(std::string_view top) {
  return is_date_field(top) || top == "source" || top == "provenance" || top == "warnings" ||
         top == "schema_version";
}

std::string_view top_field(std::string_view path) {
  return path.substr(0, path.find_first_of(".["));
}

void set_flags(Change& c) {
  bool content = false;
  bool dates = false;
  for (const FieldChange& f : c.fields) {
    std::string_view top = top_field(f.path);
    content = content || !is_bookkeeping_field(top);
    dates = dates || is_date_field(top);
  }
  if (content && c.old_updated && c.new_updated && *c.old_updated == *c.new_updated)
    c.flags.push_back(Flag::updated_not_moved);
  if (!content && dates)
    c.flags.push_back(Flag::updated_moved_alone);
}

std::string title_of(const Value& record) {
  return string_member(record, "title").value_or("");
}

// Reads a record of pass 1 again; nullopt (with a problem noted) when the input changed since.
std::optional<std::string> reread(Side& side, const Entry& e) {
  auto text = side.stream->read_at(e.offset, e.length);
  if (!text) {
    side.problem(e.line, 0, text.error().message);
    return std::nullopt;
  }
  return std::move(*text);
}

std::string describe_key(const std::vector<std::pair<std::string, std::string>>& key) {
  std::string out;
  for (const auto& [field, value] : key)
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", field, value);
  return out;
}

// Reports keys that occur twice in the sorted entries, naming both lines.
void check_duplicates(Side& side, const Options& options) {
  Parser parser;
  std::vector<std::pair<std::string, std::string>> ka;
  std::vector<std::pair<std::string, std::string>> kb;
  std::string error;
  EntryTable::Cursor cursor(side.entries);
  std::optional<Entry> previous;
  for (; cursor.current() != nullptr; cursor.advance()) {
    const Entry second = *cursor.current();
    const std::optional<Entry> first_of_two = std::exchange(previous, second);
    if (!first_of_two || first_of_two->key != second.key)
      continue;
    const Entry& first = *first_of_two;
    auto ta = reread(side, first);
    auto tb = reread(side, second);
    if (!ta || !tb)
      continue;
    Problem ignored;
    const Value* ra = parser.parse(*ta, ignored);
    if (ra == nullptr || !record_key(*ra, options.key, ka, error))
      continue;
    Parser other;
    const Value* rb = other.parse(*tb, ignored);
    if (rb == nullptr || !record_key(*rb, options.key, kb, error))
      continue;
    if (ka == kb)
      side.problem(second.line, 0,
                   fmt::format("duplicate key ({}): the same key as line {}; each key must occur "
                               "once in an input",
                               describe_key(kb), first.line));
    else
      side.problem(second.line, 0,
                   fmt::format("the keys of lines {} and {} have the same 64-bit hash; compare "
                               "with another --key",
                               first.line, second.line));
  }
  if (!cursor.error().empty())
    side.tool_problem(cursor.error());
}

// Moves the problems of both sides to `diff`, those of the temporary files once only.
void collect_problems(Side& old_side, Side& new_side, Diff& diff) {
  for (Side* side : {&old_side, &new_side}) {
    for (Problem& p : side->problems) {
      bool repeated = p.source == "svcdesc" &&
                      std::any_of(diff.problems.begin(), diff.problems.end(), [&](const Problem& q) {
                        return q.source == p.source && q.message == p.message;
                      });
      if (!repeated)
        diff.problems.push_back(std::move(p));
    }
    side->problems.clear();
  }
}

} // namespace

const std::vector<std::string>& volatile_fields() {
  static const std::vector<std::string> fields{"source.fetched_at", "source.sha256", "source.etag",
                                               "provenance.*.line", "warnings.line"};
  return fields;
}

std::string_view flag_name(Flag flag) {
  return flag == Flag::updated_not_moved ? "updated-not-moved" : "updated-moved-alone";
}

Diff compare(const Input& old_input, const Input& new_input, const Options& options) {
  Diff diff;
  if (old_input.path == "-" && new_input.path == "-") {
    diff.problems.push_back({"svcdesc", 0, 0, "only one of OLD and NEW can be standard input"});
    return diff;
  }
  if (options.key.empty()) {
    diff.problems.push_back({"svcdesc", 0, 0, "the key needs at least one field"});
    return diff;
  }
  Patterns patterns = make_patterns(options);
  // Each input's table gets half the memory.
  size_t capacity = options.memory_limit == 0
                        ? SIZE_MAX
                        : static_cast<size_t>(options.memory_limit / 2 / sizeof(Entry));
  Side old_side{old_input, EntryTable(capacity, options.temp_dir), std::nullopt, {}, false};
  Side new_side{new_input, EntryTable(capacity, options.temp_dir), std::nullopt, {}, false};
  {
    // Standard input is read on this thread; the other input on a second one.
    std::thread other([&] { read_side(new_side, options, patterns); });
    read_side(old_side, options, patterns);
    other.join();
  }
  diff.summary.old_records = old_side.entries.size();
  diff.summary.new_records = new_side.entries.size();
  if (old_side.cancelled || new_side.cancelled) {
    diff.summary.complete = false;
    return diff;
  }
  // A side whose temporary file failed has no complete table to look for duplicates in.
  for (Side* side : {&old_side, &new_side}) {
    bool failed = std::any_of(side->problems.begin(), side->problems.end(),
                              [](const Problem& p) { return p.source == "svcdesc"; });
    if (!failed)
      check_duplicates(*side, options);
  }
  collect_problems(old_side, new_side, diff);
  if (!diff.problems.empty())
    return diff;

  Parser parser_a;
  Parser parser_b;
  std::vector<std::pair<std::string, std::string>> key;
  std::string error;
  Problem ignored;
  auto one_sided = [&](Side& side, const Entry& e, ChangeKind kind) {
    auto text = reread(side, e);
    if (!text)
      return;
    Change c;
    c.kind = kind;
    (kind == ChangeKind::added ? c.new_line : c.old_line) = e.line;
    const Value* r = parser_a.parse(*text, ignored);
    if (r == nullptr || !record_key(*r, options.key, c.key, error)) {
      side.problem(e.line, 0, "the record changed while it was being compared");
      return;
    }
    c.record = to_json_text(*r); // one line, whatever the input's layout
    c.title = title_of(*r);
    (kind == ChangeKind::added ? c.new_updated : c.old_updated) = string_member(*r, "updated");
    diff.changes.push_back(std::move(c));
  };

  EntryTable::Cursor a(old_side.entries);
  EntryTable::Cursor b(new_side.entries);
  size_t steps = 0;
  while (a.current() != nullptr || b.current() != nullptr) {
    if ((++steps & 1023) == 0 && options.cancelled && options.cancelled()) {
      diff.summary.complete = false;
      break;
    }
    if (b.current() == nullptr || (a.current() != nullptr && a.current()->key < b.current()->key)) {
      ++diff.summary.removed;
      one_sided(old_side, *a.current(), ChangeKind::removed);
      a.advance();
      continue;
    }
    if (a.current() == nullptr || b.current()->key < a.current()->key) {
      ++diff.summary.added;
      one_sided(new_side, *b.current(), ChangeKind::added);
      b.advance();
      continue;
    }
    const Entry ea = *a.current();
    const Entry eb = *b.current();
    a.advance();
    b.advance();
    if (ea.content == eb.content) {
      ++diff.summary.unchanged;
      continue;
    }
    auto ta = reread(old_side, ea);
    auto tb = reread(new_side, eb);
    if (!ta || !tb)
      continue;
    const Value* ra = parser_a.parse(*ta, ignored);
    const Value* rb = parser_b.parse(*tb, ignored);
    if (ra == nullptr || rb == nullptr || !record_key(*rb, options.key, key, error)) {
      new_side.problem(eb.line, 0, "the record changed while it was being compared");
      continue;
    }
    Change c;
    c.kind = ChangeKind::changed;
    c.key = key;
    c.old_line = ea.line;
    c.new_line = eb.line;
    c.title = title_of(*rb);
    c.old_updated = string_member(*ra, "updated");
    c.new_updated = string_member(*rb, "updated");
    FieldDiffer(patterns, c.fields).objects(*ra, *rb, patterns.root(), "", "");
    if (c.fields.empty()) {
      ++diff.summary.unchanged;
      continue;
    }
    set_flags(c);
    for (Flag f : c.flags)
      ++(f == Flag::updated_not_moved ? diff.summary.updated_not_moved
                                      : diff.summary.updated_moved_alone);
    ++diff.summary.changed;
    diff.changes.push_back(std::move(c));
  }
  if (!a.error().empty())
    old_side.tool_problem(a.error());
  if (!b.error().empty())
    new_side.tool_problem(b.error());
  collect_problems(old_side, new_side, diff);
  if (!diff.problems.empty()) {
    diff.changes.clear();
    return diff;
  }
  std::sort(diff.changes.begin(), diff.changes.end(), [](const Change& x, const Change& y) {
    if (x.key != y.key)
      return x.key < y.key;
    return x.kind < y.kind;
  });
  return diff;
}

} // namespace svcdesc::diff
