// The output formats of a diff: text for a terminal, one JSON document, NDJSON (one change a
// line), RFC 6902 JSON Patch per record, and HSDS 3 metadata rows.
#include <svcdesc/diff/diff.hpp>

#include <svcdesc/core/hash.hpp>

#include "diff/diff_internal.hpp"

#include <fmt/format.h>

namespace svcdesc::diff {
namespace {

using detail::json_quote;

std::string_view kind_name(ChangeKind k) {
  switch (k) {
  case ChangeKind::added:
    return "added";
  case ChangeKind::removed:
    return "removed";
  case ChangeKind::changed:
    return "changed";
  }
  return "changed";
}

std::string key_object(const Change& c) {
  std::string out = "{";
  for (const auto& [field, value] : c.key)
    out += fmt::format("{}{}:{}", out.size() > 1 ? "," : "", json_quote(field), value);
  return out + "}";
}

// A key value for people: a JSON string without its quotes (it never holds a quote or a control
// character in practice; if it does, the JSON form is kept), a number as it is.
std::string plain(const std::string& json) {
  if (json.size() >= 2 && json.front() == '"' && json.find('\\') == std::string::npos)
    return json.substr(1, json.size() - 2);
  return json;
}

std::string key_text(const Change& c) {
  std::string out;
  for (const auto& kv : c.key)
    out += (out.empty() ? "" : " ") + plain(kv.second);
  return out;
}

std::string value_or_null(const std::optional<std::string>& v) { return v ? *v : "null"; }

std::string flags_array(const Change& c) {
  std::string out = "[";
  for (Flag f : c.flags)
    out += fmt::format("{}\"{}\"", out.size() > 1 ? "," : "", flag_name(f));
  return out + "]";
}

std::string change_json(const Change& c) {
  std::string out = fmt::format("{{\"change\":\"{}\",\"key\":{}", kind_name(c.kind), key_object(c));
  if (c.old_line > 0)
    out += fmt::format(",\"old_line\":{}", c.old_line);
  if (c.new_line > 0)
    out += fmt::format(",\"new_line\":{}", c.new_line);
  out += fmt::format(",\"title\":{}", json_quote(c.title));
  if (c.kind != ChangeKind::changed)
    return out + fmt::format(",\"record\":{}}}", c.record);
  out += fmt::format(",\"updated\":{{\"old\":{},\"new\":{}}}",
                     c.old_updated ? json_quote(*c.old_updated) : "null",
                     c.new_updated ? json_quote(*c.new_updated) : "null");
  out += ",\"fields\":[";
  bool first = true;
  for (const FieldChange& f : c.fields) {
    out += fmt::format("{}{{\"path\":{},\"old\":{},\"new\":{}}}", first ? "" : ",",
                       json_quote(f.path), value_or_null(f.old_value), value_or_null(f.new_value));
    first = false;
  }
  return out + "],\"flags\":" + flags_array(c) + "}";
}

std::string summary_json(const Diff& d) {
  const Summary& s = d.summary;
  return fmt::format("{{\"old_records\":{},\"new_records\":{},\"added\":{},\"removed\":{},"
                     "\"changed\":{},\"unchanged\":{},\"updated_not_moved\":{},"
                     "\"updated_moved_alone\":{},\"different\":{},\"complete\":{}}}",
                     s.old_records, s.new_records, s.added, s.removed, s.changed, s.unchanged,
                     s.updated_not_moved, s.updated_moved_alone, d.different() ? "true" : "false",
                     s.complete ? "true" : "false");
}

std::string patch_line(const Change& c) {
  std::string ops;
  if (c.kind == ChangeKind::added) {
    ops = fmt::format("{{\"op\":\"add\",\"path\":\"\",\"value\":{}}}", c.record);
  } else if (c.kind == ChangeKind::removed) {
    ops = "{\"op\":\"remove\",\"path\":\"\"}";
  } else {
    for (const FieldChange& f : c.fields) {
      if (!ops.empty())
        ops += ',';
      if (!f.new_value)
        ops += fmt::format("{{\"op\":\"remove\",\"path\":{}}}", json_quote(f.pointer));
      else
        ops += fmt::format("{{\"op\":\"{}\",\"path\":{},\"value\":{}}}",
                           f.old_value ? "replace" : "add", json_quote(f.pointer), *f.new_value);
    }
  }
  return fmt::format("{{\"key\":{},\"change\":\"{}\",\"patch\":[{}]}}\n", key_object(c),
                     kind_name(c.kind), ops);
}

// Rows of the HSDS 3.0 metadata object (schema/metadata.json of openreferral/specification; the
// tests check them against the official schema in schemas/hsds/). resource_id must be a UUID:
// keyed by id, it is the id `export -f hsds` gives the service; keyed by anything else, the
// UUIDv5 of the key, as a change of a record found by its URL does not say its id.
std::string hsds_rows(const Change& c, const RenderOptions& options) {
  std::string resource;
  std::string lang;
  bool by_id = true;
  for (const auto& [field, value] : c.key) {
    if (field == "lang")
      lang = plain(value);
    else {
      resource += (resource.empty() ? "" : "/") + plain(value);
      by_id = by_id && field == "id";
    }
  }
  std::string resource_id =
      by_id ? core::record_uuid(resource)
            : core::uuid_v5(core::k_uuid_namespace_url, "urn:svcdesc:diff-key:" + resource);
  auto row = [&](std::string_view action, const std::string& field,
                 const std::optional<std::string>& old_value,
                 const std::optional<std::string>& new_value) {
    std::string name = lang.empty() ? field : fmt::format("{}@{}", field, lang);
    auto text = [](const std::optional<std::string>& v) -> std::string {
      if (!v)
        return "\"\"";
      if (v->size() >= 2 && v->front() == '"')
        return *v; // already a JSON string
      return json_quote(*v);
    };
    std::string id = core::uuid_v5(core::k_uuid_namespace_url,
                                   fmt::format("svcdesc-diff:{}|{}|{}|{}", resource, name, action,
                                               options.action_date));
    return fmt::format("{{\"id\":\"{}\",\"resource_id\":{},\"resource_type\":\"service\","
                       "\"last_action_date\":{},\"last_action_type\":\"{}\",\"field_name\":{},"
                       "\"previous_value\":{},\"replacement_value\":{},"
                       "\"updated_by\":\"svcdesc diff\"}}\n",
                       id, json_quote(resource_id), json_quote(options.action_date), action,
                       json_quote(name), text(old_value), text(new_value));
  };
  if (c.kind == ChangeKind::added)
    return row("create", "*", std::nullopt, std::optional<std::string>(json_quote(c.title)));
  if (c.kind == ChangeKind::removed)
    return row("delete", "*", std::optional<std::string>(json_quote(c.title)), std::nullopt);
  std::string out;
  for (const FieldChange& f : c.fields)
    out += row("update", f.path, f.old_value, f.new_value);
  return out;
}

// ---- text ------------------------------------------------------------------------------------

class Painter {
public:
  explicit Painter(bool color) : m_color(color) {}
  std::string operator()(std::string_view text, std::string_view sgr) const {
    if (!m_color)
      return std::string(text);
    return fmt::format("\033[{}m{}\033[0m", sgr, text);
  }

private:
  bool m_color;
};

size_t utf8_start(const std::string& s, size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
    --i;
  return i;
}

// A long value cut to a window around `at` (where it first differs from the other side).
std::string elide(const std::string& s, size_t at) {
  constexpr size_t k_width = 160;
  if (s.size() <= k_width)
    return s;
  size_t start = utf8_start(s, at > 60 ? at - 60 : 0);
  size_t end = std::min(s.size(), start + k_width);
  end = end == s.size() ? end : utf8_start(s, end);
  return (start > 0 ? "..." : "") + s.substr(start, end - start) + (end < s.size() ? "..." : "");
}

std::string text_change(const Change& c, const Painter& paint) {
  std::string title = c.title.empty() ? "" : "  " + c.title;
  if (c.kind == ChangeKind::added)
    return paint(fmt::format("+ {}{}", key_text(c), title), "32") + "\n";
  if (c.kind == ChangeKind::removed)
    return paint(fmt::format("- {}{}", key_text(c), title), "31") + "\n";
  std::string out = paint(fmt::format("~ {}{}", key_text(c), title), "33") + "\n";
  for (const FieldChange& f : c.fields) {
    std::string o = f.old_value ? *f.old_value : "(absent)";
    std::string n = f.new_value ? *f.new_value : "(absent)";
    size_t at = 0;
    while (at < o.size() && at < n.size() && o[at] == n[at])
      ++at;
    out += fmt::format("    {}: {} -> {}\n", f.path, paint(elide(o, at), "31"),
                       paint(elide(n, at), "32"));
  }
  for (Flag f : c.flags) {
    std::string why =
        f == Flag::updated_not_moved
            ? fmt::format("the content changed but updated is still {}", c.new_updated.value_or(""))
            : fmt::format("updated {} -> {} and nothing else changed", c.old_updated.value_or("null"),
                          c.new_updated.value_or("null"));
    out += paint(fmt::format("    ! {}: {}", flag_name(f), why), "35") + "\n";
  }
  return out;
}

} // namespace

std::string render(const Diff& diff, Format format, const RenderOptions& options) {
  std::string out;
  switch (format) {
  case Format::text: {
    Painter paint(options.color);
    if (diff.different())
      out += paint(fmt::format("--- {}\n+++ {}\n", options.old_name, options.new_name), "1");
    for (const Change& c : diff.changes)
      out += text_change(c, paint);
    break;
  }
  case Format::json: {
    out = fmt::format("{{\n  \"old\": {},\n  \"new\": {},\n  \"summary\": {},\n  \"changes\": [",
                      json_quote(options.old_name), json_quote(options.new_name),
                      summary_json(diff));
    bool first = true;
    for (const Change& c : diff.changes) {
      out += (first ? "\n    " : ",\n    ") + change_json(c);
      first = false;
    }
    out += first ? "]\n}\n" : "\n  ]\n}\n";
    break;
  }
  case Format::ndjson:
    for (const Change& c : diff.changes)
      out += change_json(c) + "\n";
    break;
  case Format::patch:
    for (const Change& c : diff.changes)
      out += patch_line(c);
    break;
  case Format::hsds_metadata:
    for (const Change& c : diff.changes)
      out += hsds_rows(c, options);
    break;
  }
  return out;
}

std::string render_stat(const Diff& diff, Format format, const RenderOptions&) {
  if (format != Format::text)
    return summary_json(diff) + "\n";
  const Summary& s = diff.summary;
  return fmt::format("{} old, {} new: {} added, {} removed, {} changed, {} unchanged; "
                     "{} updated-not-moved, {} updated-moved-alone\n",
                     s.old_records, s.new_records, s.added, s.removed, s.changed, s.unchanged,
                     s.updated_not_moved, s.updated_moved_alone);
}

} // namespace svcdesc::diff
