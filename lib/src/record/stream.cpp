// Streaming reader of record sets. NDJSON is split at line feeds; a JSON array is split at the
// commas between its top-level elements by a small scanner that tracks nesting depth and strings,
// so neither form is ever read whole into memory.
#include <svcdesc/record/stream.hpp>

#include <svcdesc/text/utf8.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace svcdesc::record {

struct RecordStream::Impl {
  std::FILE* file = nullptr;
  bool owned = false;
  std::string path;
  std::array<char, 1 << 16> buffer{};
  size_t pos = 0;
  size_t end = 0;
  std::uint64_t buffer_start = 0; // offset in the input of buffer[0]
  bool eof = false;
  bool failed = false;
  int line = 1; // line of the next unread byte
  enum class Mode { unknown, ndjson, array, done } mode = Mode::unknown;
  size_t max_record = size_t{64} << 20;

  ~Impl() {
    if (owned && file != nullptr)
      std::fclose(file);
  }

  // The next byte, or -1 at the end of the input (or -2 after a read error).
  int get() {
    if (pos == end) {
      if (eof)
        return -1;
      buffer_start += end;
      end = std::fread(buffer.data(), 1, buffer.size(), file);
      pos = 0;
      if (end == 0) {
        eof = true;
        return std::ferror(file) ? -2 : -1;
      }
    }
    auto c = static_cast<unsigned char>(buffer[pos++]);
    if (c == '\n')
      ++line;
    return c;
  }
  int peek_nonspace() {
    while (true) {
      if (pos == end && !eof) {
        buffer_start += end;
      end = std::fread(buffer.data(), 1, buffer.size(), file);
        pos = 0;
        if (end == 0) {
          eof = true;
          return std::ferror(file) ? -2 : -1;
        }
      }
      if (pos == end)
        return -1;
      char c = buffer[pos];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
        return static_cast<unsigned char>(c);
      if (c == '\n')
        ++line;
      ++pos;
    }
  }

  Error read_error() {
    mode = Mode::done;
    return Error{fmt::format("read error: {}", std::strerror(errno)), line, 0};
  }

  // Appends the bytes up to the next line feed (consumed, not appended) to `out`; returns false
  // at the end of the input with nothing more read, and sets `failed` on a read error.
  bool read_line(std::string& out, bool& too_long) {
    bool any = false;
    while (true) {
      if (pos == end) {
        if (eof)
          return any;
        buffer_start += end;
      end = std::fread(buffer.data(), 1, buffer.size(), file);
        pos = 0;
        if (end == 0) {
          eof = true;
          failed = std::ferror(file) != 0;
          return any;
        }
      }
      any = true;
      const char* start = buffer.data() + pos;
      const auto* nl = static_cast<const char*>(std::memchr(start, '\n', end - pos));
      size_t n = nl != nullptr ? static_cast<size_t>(nl - start) : end - pos;
      if (out.size() + n <= max_record)
        out.append(start, n);
      else
        too_long = true;
      pos += n;
      if (nl != nullptr) {
        ++pos;
        ++line;
        return true;
      }
    }
  }

  std::optional<Result<RecordText>> next_line() {
    while (true) {
      RecordText rec;
      rec.line = line;
      rec.offset = buffer_start + pos;
      bool too_long = false;
      bool more = read_line(rec.json, too_long);
      if (failed)
        return read_error();
      if (too_long)
        return Error{fmt::format("record is longer than {} bytes", max_record), rec.line, 1};
      if (!rec.json.empty() && rec.json.back() == '\r')
        rec.json.pop_back();
      if (auto bad = not_text(rec))
        return *bad;
      if (rec.json.find_first_not_of(" \t") != std::string::npos)
        return rec;
      if (!more) {
        mode = Mode::done;
        return std::nullopt;
      }
    }
  }

  std::optional<Result<RecordText>> next_element() {
    int c = peek_nonspace();
    if (c == -2)
      return read_error();
    if (c == -1) {
      mode = Mode::done;
      return Error{"the JSON array is not closed: ']' is missing at the end", line, 0};
    }
    if (c == ']') {
      get();
      mode = Mode::done;
      int after = peek_nonspace();
      if (after >= 0)
        return Error{"text after the end of the JSON array", line, 1};
      return std::nullopt;
    }
    RecordText rec;
    rec.line = line;
    rec.offset = buffer_start + pos;
    int depth = 0;
    bool in_string = false;
    bool escape = false;
    while ((c = get()) >= 0) {
      char ch = static_cast<char>(c);
      if (in_string) {
        if (escape)
          escape = false;
        else if (ch == '\\')
          escape = true;
        else if (ch == '"')
          in_string = false;
      } else if (ch == '"') {
        in_string = true;
      } else if (ch == '{' || ch == '[') {
        ++depth;
      } else if (ch == ']' && depth == 0) {
        // The array's own ']': give it back for the next call.
        --pos;
        break;
      } else if (ch == '}' || ch == ']') {
        // A stray '}' at the top stays in the element, for the JSON parser to reject: given
        // back like the ']', it would end an empty element at the same place on every call.
        if (depth > 0)
          --depth;
      } else if (ch == ',' && depth == 0) {
        break;
      }
      if (rec.json.size() >= max_record) {
        mode = Mode::done;
        return Error{fmt::format("record is longer than {} bytes", max_record), rec.line, 1};
      }
      rec.json += ch;
    }
    if (c == -2)
      return read_error();
    if (c == -1) {
      // The last element is returned for checking; the missing ']' is reported next.
      while (!rec.json.empty() && (rec.json.back() == ' ' || rec.json.back() == '\n' ||
                                   rec.json.back() == '\r' || rec.json.back() == '\t'))
        rec.json.pop_back();
      if (rec.json.empty()) {
        mode = Mode::done;
        return Error{"the JSON array is not closed: ']' is missing at the end", line, 0};
      }
      return rec;
    }
    while (!rec.json.empty() && (rec.json.back() == ' ' || rec.json.back() == '\n' ||
                                 rec.json.back() == '\r' || rec.json.back() == '\t'))
      rec.json.pop_back();
    if (auto bad = not_text(rec))
      return *bad;
    return rec;
  }

  // JSON text is UTF-8 without NUL bytes. The JSON parsers would take a NUL for the end of the
  // text ("the document is empty") and pass invalid UTF-8 on into the outputs, so both are
  // reported here, for every command that reads records, with where they are.
  static std::optional<Error> not_text(const RecordText& rec) {
    std::string_view json = rec.json;
    std::string message;
    size_t at = json.find('\0');
    if (at != std::string_view::npos) {
      message = "binary data (a NUL byte); expected a JSON record";
    } else if (auto bad = text::find_invalid_utf8(json)) {
      at = *bad;
      message = fmt::format("invalid UTF-8 (byte 0x{:02X}); records must be UTF-8",
                            static_cast<unsigned char>(json[at]));
    } else {
      return std::nullopt;
    }
    std::string_view before = json.substr(0, at);
    size_t line_start = before.rfind('\n');
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    return Error{std::move(message),
                 rec.line + static_cast<int>(std::count(before.begin(), before.end(), '\n')),
                 static_cast<int>(at - line_start) + 1};
  }
};

RecordStream::RecordStream(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
RecordStream::RecordStream(RecordStream&&) noexcept = default;
RecordStream& RecordStream::operator=(RecordStream&&) noexcept = default;
RecordStream::~RecordStream() = default;

Result<RecordStream> RecordStream::open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  if (path == "-") {
    impl->file = stdin;
  } else {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
      return unexpected("is a directory");
    impl->file = std::fopen(path.c_str(), "rb");
    if (impl->file == nullptr)
      return unexpected(fmt::format("cannot open: {}", std::strerror(errno)));
    impl->owned = true;
  }
  return RecordStream(std::move(impl));
}

RecordStream RecordStream::from_file(std::FILE* file, bool owned) {
  auto impl = std::make_unique<Impl>();
  impl->file = file;
  impl->owned = owned;
  return RecordStream(std::move(impl));
}

Result<std::string> RecordStream::read_at(std::uint64_t offset, size_t length) const {
  std::string out(length, '\0');
  size_t done = 0;
  int fd = ::fileno(m_impl->file);
  while (done < length) {
    ssize_t n = ::pread(fd, out.data() + done, length - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return unexpected(fmt::format("cannot read again: {}", std::strerror(errno)));
    if (n == 0)
      return unexpected("cannot read again: the input is shorter than before");
    done += static_cast<size_t>(n);
  }
  return out;
}

void RecordStream::set_max_record_bytes(size_t bytes) { m_impl->max_record = bytes; }

std::optional<Result<RecordText>> RecordStream::next() {
  Impl& d = *m_impl;
  switch (d.mode) {
  case Impl::Mode::done:
    return std::nullopt;
  case Impl::Mode::unknown: {
    int c = d.peek_nonspace();
    if (c == -2)
      return d.read_error();
    if (c == -1) {
      d.mode = Impl::Mode::done;
      return std::nullopt;
    }
    if (c == '[') {
      d.get();
      d.mode = Impl::Mode::array;
      if (d.peek_nonspace() == ']') {
        d.get();
        d.mode = Impl::Mode::done;
        return std::nullopt;
      }
      return d.next_element();
    }
    d.mode = Impl::Mode::ndjson;
    return d.next_line();
  }
  case Impl::Mode::ndjson:
    return d.next_line();
  case Impl::Mode::array: {
    // After an element: a ',' (consumed by next_element) or the closing ']'.
    return d.next_element();
  }
  }
  return std::nullopt;
}

} // namespace svcdesc::record
