#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace svcdesc::diff {

// How two record sets are compared.
struct Options {
  // The fields whose values identify a record across the two sets; dotted paths allowed
  // ("source.url"). Each must be a string or a number in every record.
  std::vector<std::string> key{"id", "lang"};
  // Field paths left out of the comparison, on top of volatile_fields() unless `keep_volatile`:
  // dot-separated object member names, "*" for any one member name; array elements add no
  // segment ("warnings.line" is the line of every warning).
  std::vector<std::string> ignore;
  // Unless set, volatile_fields() are left out and source.status "parsed", "fetched" and
  // "unchanged" compare equal (carried_over and withdrawn stay changes).
  bool keep_volatile = false;
  // Memory for the tables of pass 1 in bytes, shared by the two inputs (32 bytes a record); 0 for
  // no limit. Past it, each input's table is sorted in runs written to temporary files in
  // `temp_dir` and merged from there (an external sort): slower, the same result.
  std::uint64_t memory_limit = 0;
  // Where temporary files go: the sorted runs, and the copy of an input that cannot seek. They are
  // unlinked as soon as they are created, so that nothing is left behind.
  std::string temp_dir = "/tmp";
  // Polled now and then; when it returns true the comparison stops and the result is incomplete.
  std::function<bool()> cancelled;
};

// The fields that change from run to run without the service changing, ignored by default:
// source.fetched_at, source.sha256, source.etag, provenance.*.line and warnings.line.
const std::vector<std::string>& volatile_fields();

// One input: `path` is a file name or "-" for standard input; `name` is how diagnostics name it.
struct Input {
  std::string path;
  std::string name;
};

// A problem that makes the comparison meaningless (unreadable input, a record that is not JSON,
// a record without its key, a duplicate key), with where it is.
struct Problem {
  std::string source;
  int line = 0;
  int column = 0;
  std::string message;
};

enum class ChangeKind { added, removed, changed };

// One field that differs. `path` is for people ("title", "area.municipalities",
// "sections[kind=conditions].text"); `pointer` is the RFC 6901 JSON Pointer of the field in the
// old record (for patches). A value is JSON text; nullopt means the field is absent.
struct FieldChange {
  std::string path;
  std::string pointer;
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
};

// What auditors ask about: the content changed but `updated` stayed the same, or `updated` (or
// `dates`) moved while nothing but dates and source fields changed.
enum class Flag { updated_not_moved, updated_moved_alone };

// "updated-not-moved" or "updated-moved-alone".
std::string_view flag_name(Flag flag);

struct Change {
  ChangeKind kind = ChangeKind::changed;
  // The key: (field, JSON text of its value), in the order of Options::key.
  std::vector<std::pair<std::string, std::string>> key;
  int old_line = 0; // 0 for added records
  int new_line = 0; // 0 for removed records
  std::string title;
  std::optional<std::string> old_updated;
  std::optional<std::string> new_updated;
  std::vector<FieldChange> fields; // changed records only
  std::vector<Flag> flags;         // changed records only
  std::string record;              // added and removed records: the record as one line of JSON
};

struct Summary {
  size_t old_records = 0;
  size_t new_records = 0;
  size_t added = 0;
  size_t removed = 0;
  size_t changed = 0;
  size_t unchanged = 0;
  size_t updated_not_moved = 0;
  size_t updated_moved_alone = 0;
  bool complete = true; // false when cancelled
};

struct Diff {
  Summary summary;
  std::vector<Change> changes; // sorted by key
  std::vector<Problem> problems;
  bool different() const { return summary.added + summary.removed + summary.changed > 0; }
};

// Compares two record sets (NDJSON or JSON arrays) keyed by Options::key. Pass 1 reads each input
// once, keeping per record only a key hash, a hash of the normalized content, the byte offset and
// the line; pass 2 re-reads only the records whose content hash differs, and the added and removed
// ones. Strings compare after NFC and whitespace collapsing; area lists, languages, producers,
// contacts and warnings compare as sets. Standard input and other inputs that cannot seek are
// copied to an anonymous temporary file first. Problems are returned in `problems`; when there is
// any, `changes` is empty.
Diff compare(const Input& old_input, const Input& new_input, const Options& options);

enum class Format { text, json, ndjson, patch, hsds_metadata };

struct RenderOptions {
  std::string old_name;
  std::string new_name;
  bool color = false;       // ANSI colours in the text format
  std::string action_date;  // YYYY-MM-DD, for hsds-metadata rows
};

// The changes in a format: text (for a terminal), json (one document: summary and changes),
// ndjson (one change a line), patch (one line per record: its key and an RFC 6902 JSON Patch
// from the old record to the new one), hsds-metadata (HSDS 3 metadata rows, one per field).
std::string render(const Diff& diff, Format format, const RenderOptions& options);

// Only the counts: one line of text, or a JSON object for the JSON formats.
std::string render_stat(const Diff& diff, Format format, const RenderOptions& options);

} // namespace svcdesc::diff
