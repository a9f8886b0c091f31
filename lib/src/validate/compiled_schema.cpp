#include "validate/compiled_schema.hpp"

#include <svcdesc/text/utf8.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace svcdesc::validate {

// ---------------------------------------------------------------------------------------------
// Pattern

namespace {

struct Term {
  enum class Kind { literal, set, any, group, begin, end } kind = Kind::literal;
  char32_t ch = 0;
  std::vector<std::pair<char32_t, char32_t>> ranges; // for `set`
  bool negated = false;
  std::vector<Term> group;
  int min = 1;
  int max = 1; // -1: no limit
};

void add_shorthand(char c, std::vector<std::pair<char32_t, char32_t>>& ranges) {
  switch (c) {
  case 'd':
    ranges.emplace_back(U'0', U'9');
    break;
  case 'w':
    ranges.insert(ranges.end(), {{U'a', U'z'}, {U'A', U'Z'}, {U'0', U'9'}, {U'_', U'_'}});
    break;
  default: // 's': ECMA-262 WhiteSpace and LineTerminator
    ranges.insert(ranges.end(), {{U'\t', U'\r'}, {U' ', U' '}, {0xA0, 0xA0}, {0x1680, 0x1680},
                                 {0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F},
                                 {0x205F, 0x205F}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF}});
  }
}

class PatternParser {
public:
  explicit PatternParser(std::string_view s) : m_s(s) {}

  std::optional<std::vector<Term>> parse() {
    auto seq = sequence();
    if (!seq || m_i != m_s.size())
      return std::nullopt;
    return seq;
  }

private:
  std::optional<std::vector<Term>> sequence() {
    std::vector<Term> seq;
    while (m_i < m_s.size() && m_s[m_i] != ')') {
      auto term = atom();
      if (!term || !quantifier(*term))
        return std::nullopt;
      seq.push_back(std::move(*term));
    }
    return seq;
  }

  std::optional<char32_t> code_point() {
    if (m_i >= m_s.size())
      return std::nullopt;
    return text::next_code_point(m_s, m_i);
  }

  std::optional<Term> atom() {
    Term t;
    char c = m_s[m_i];
    switch (c) {
    case '(': {
      ++m_i;
      if (m_s.substr(m_i, 2) == "?:")
        m_i += 2;
      else if (m_i < m_s.size() && m_s[m_i] == '?')
        return std::nullopt; // look-arounds
      auto inner = sequence();
      if (!inner || m_i >= m_s.size() || m_s[m_i] != ')')
        return std::nullopt;
      ++m_i;
      t.kind = Term::Kind::group;
      t.group = std::move(*inner);
      return t;
    }
    case '[':
      return set();
    case '.':
      ++m_i;
      t.kind = Term::Kind::any;
      return t;
    case '^':
      ++m_i;
      t.kind = Term::Kind::begin;
      return t;
    case '$':
      ++m_i;
      t.kind = Term::Kind::end;
      return t;
    case '\\':
      return escape(t);
    case '|': case '*': case '+': case '?': case '{': case '}': case ']':
      return std::nullopt;
    default: {
      auto cp = code_point();
      if (!cp)
        return std::nullopt;
      t.ch = *cp;
      return t;
    }
    }
  }

  std::optional<Term> escape(Term& t) {
    ++m_i;
    if (m_i >= m_s.size())
      return std::nullopt;
    char c = m_s[m_i++];
    if (c == 'd' || c == 's' || c == 'w' || c == 'D' || c == 'S' || c == 'W') {
      t.kind = Term::Kind::set;
      t.negated = c == 'D' || c == 'S' || c == 'W';
      add_shorthand(static_cast<char>(c | 0x20), t.ranges);
      return t;
    }
    if (c == 'n' || c == 't' || c == 'r') {
      t.ch = c == 'n' ? U'\n' : c == 't' ? U'\t' : U'\r';
      return t;
    }
    // Escaped punctuation is the character itself; letters and digits would be other features.
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
      return std::nullopt;
    t.ch = static_cast<unsigned char>(c);
    return t;
  }

  std::optional<Term> set() {
    Term t;
    t.kind = Term::Kind::set;
    ++m_i;
    if (m_i < m_s.size() && m_s[m_i] == '^') {
      t.negated = true;
      ++m_i;
    }
    bool first = true;
    while (m_i < m_s.size() && (m_s[m_i] != ']' || first)) {
      first = false;
      char32_t low = 0;
      if (m_s[m_i] == '\\') {
        ++m_i;
        if (m_i >= m_s.size())
          return std::nullopt;
        char c = m_s[m_i++];
        if (c == 'd' || c == 's' || c == 'w') {
          add_shorthand(c, t.ranges);
          continue;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
          return std::nullopt;
        low = static_cast<unsigned char>(c);
      } else {
        auto cp = code_point();
        if (!cp)
          return std::nullopt;
        low = *cp;
      }
      char32_t high = low;
      if (m_i + 1 < m_s.size() && m_s[m_i] == '-' && m_s[m_i + 1] != ']') {
        ++m_i;
        if (m_s[m_i] == '\\')
          return std::nullopt;
        auto cp = code_point();
        if (!cp || *cp < low)
          return std::nullopt;
        high = *cp;
      }
      t.ranges.emplace_back(low, high);
    }
    if (m_i >= m_s.size())
      return std::nullopt;
    ++m_i; // ']'
    return t;
  }

  bool number(int& out) {
    size_t start = m_i;
    long value = 0;
    while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9' && value < 100000)
      value = value * 10 + (m_s[m_i++] - '0');
    out = static_cast<int>(value);
    return m_i > start;
  }

  bool quantifier(Term& t) {
    if (m_i >= m_s.size())
      return true;
    char c = m_s[m_i];
    if (c != '?' && c != '*' && c != '+' && c != '{')
      return true;
    if (t.kind == Term::Kind::begin || t.kind == Term::Kind::end)
      return false;
    ++m_i;
    if (c == '?') {
      t.min = 0;
      t.max = 1;
    } else if (c == '*') {
      t.min = 0;
      t.max = -1;
    } else if (c == '+') {
      t.min = 1;
      t.max = -1;
    } else {
      if (!number(t.min))
        return false;
      t.max = t.min;
      if (m_i < m_s.size() && m_s[m_i] == ',') {
        ++m_i;
        t.max = -1;
        if (m_i < m_s.size() && m_s[m_i] != '}' && (!number(t.max) || t.max < t.min))
          return false;
      }
      if (m_i >= m_s.size() || m_s[m_i] != '}')
        return false;
      ++m_i;
    }
    // Lazy and possessive forms are not needed by any schema here.
    return m_i >= m_s.size() || (m_s[m_i] != '?' && m_s[m_i] != '+');
  }

  std::string_view m_s;
  size_t m_i = 0;
};

// The terms compiled to a small program for a Pike VM: every thread advances one code point at a
// time, so matching takes time linear in the text and needs no recursion, whatever the input.
struct Inst {
  enum class Op { match_char, match_set, split, jump, begin, end, accept } op = Op::accept;
  const Term* term = nullptr; // for match_char and match_set
  int x = 0;
  int y = 0;
};

constexpr size_t k_max_program = 20000;

class Compiler {
public:
  bool sequence(const std::vector<Term>& seq) {
    for (const Term& t : seq)
      if (!term(t))
        return false;
    return true;
  }
  std::vector<Inst> program;

private:
  int here() const { return static_cast<int>(program.size()); }

  bool atom(const Term& t) {
    if (program.size() > k_max_program)
      return false;
    switch (t.kind) {
    case Term::Kind::group:
      return sequence(t.group);
    case Term::Kind::begin:
      program.push_back({Inst::Op::begin});
      return true;
    case Term::Kind::end:
      program.push_back({Inst::Op::end});
      return true;
    case Term::Kind::literal:
      program.push_back({Inst::Op::match_char, &t});
      return true;
    default:
      program.push_back({Inst::Op::match_set, &t});
      return true;
    }
  }

  bool term(const Term& t) {
    for (int i = 0; i < t.min; ++i)
      if (!atom(t))
        return false;
    if (t.max < 0) { // loop: split(body, out); body; jump split
      int split = here();
      program.push_back({Inst::Op::split});
      program[static_cast<size_t>(split)].x = here();
      if (!atom(t))
        return false;
      program.push_back({Inst::Op::jump, nullptr, split});
      program[static_cast<size_t>(split)].y = here();
      return true;
    }
    std::vector<int> splits; // optional copies: split(body, out) each
    for (int i = t.min; i < t.max; ++i) {
      splits.push_back(here());
      program.push_back({Inst::Op::split});
      program[static_cast<size_t>(splits.back())].x = here();
      if (!atom(t))
        return false;
    }
    for (int split : splits)
      program[static_cast<size_t>(split)].y = here();
    return true;
  }
};

bool set_matches(const Term& t, char32_t cp) {
  if (t.kind == Term::Kind::any)
    return cp != U'\n' && cp != U'\r' && cp != 0x2028 && cp != 0x2029;
  bool in = false;
  for (const auto& [low, high] : t.ranges)
    in = in || (cp >= low && cp <= high);
  return in != t.negated;
}

} // namespace

struct Pattern::Impl {
  std::vector<Term> terms; // the program points into these
  std::vector<Inst> program;
  bool anchored = false;

  // Adds the thread at `pc` and everything reachable from it without consuming input; true when
  // that reaches `accept`.
  bool add(std::vector<int>& list, std::vector<unsigned>& mark, unsigned generation, int pc,
           size_t pos, size_t size, std::vector<int>& stack) const {
    stack.assign(1, pc);
    while (!stack.empty()) {
      int at = stack.back();
      stack.pop_back();
      if (mark[static_cast<size_t>(at)] == generation)
        continue;
      mark[static_cast<size_t>(at)] = generation;
      const Inst& inst = program[static_cast<size_t>(at)];
      switch (inst.op) {
      case Inst::Op::accept:
        return true;
      case Inst::Op::jump:
        stack.push_back(inst.x);
        break;
      case Inst::Op::split:
        stack.push_back(inst.y);
        stack.push_back(inst.x);
        break;
      case Inst::Op::begin:
        if (pos == 0)
          stack.push_back(at + 1);
        break;
      case Inst::Op::end:
        if (pos == size)
          stack.push_back(at + 1);
        break;
      default:
        list.push_back(at);
      }
    }
    return false;
  }
};

Pattern::Pattern(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Pattern::Pattern(Pattern&&) noexcept = default;
Pattern& Pattern::operator=(Pattern&&) noexcept = default;
Pattern::~Pattern() = default;

std::optional<Pattern> Pattern::compile(std::string_view source) {
  auto terms = PatternParser(source).parse();
  if (!terms)
    return std::nullopt;
  auto impl = std::make_unique<Impl>();
  impl->terms = std::move(*terms);
  impl->anchored = !impl->terms.empty() && impl->terms.front().kind == Term::Kind::begin;
  Compiler compiler;
  if (!compiler.sequence(impl->terms) || compiler.program.size() > k_max_program)
    return std::nullopt;
  impl->program = std::move(compiler.program);
  impl->program.push_back({Inst::Op::accept});
  return Pattern(std::move(impl));
}

bool Pattern::search(std::string_view text) const {
  const Impl& p = *m_impl;
  // Buffers reused between calls (validate checks several patterns per record); a generation
  // number instead of clearing the marks.
  thread_local std::vector<unsigned> mark;
  thread_local std::vector<int> current, next, stack;
  thread_local unsigned generation = 0;
  if (mark.size() < p.program.size())
    mark.resize(p.program.size(), 0);
  if (generation > 0xFFFF0000u) {
    std::fill(mark.begin(), mark.end(), 0u);
    generation = 0;
  }
  current.clear();
  ++generation;
  if (p.add(current, mark, generation, 0, 0, text.size(), stack))
    return true;
  size_t pos = 0;
  while (pos < text.size()) {
    if (current.empty() && p.anchored)
      return false;
    size_t after = pos;
    char32_t cp = text::next_code_point(text, after);
    ++generation;
    next.clear();
    for (int pc : current) {
      const Inst& inst = p.program[static_cast<size_t>(pc)];
      bool ok = inst.op == Inst::Op::match_char ? cp == inst.term->ch : set_matches(*inst.term, cp);
      if (ok && p.add(next, mark, generation, pc + 1, after, text.size(), stack))
        return true;
    }
    // Unanchored: a match may also start at the next position.
    if (!p.anchored && p.add(next, mark, generation, 0, after, text.size(), stack))
      return true;
    current.swap(next);
    pos = after;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// CompiledSchema

namespace {

enum TypeBit : unsigned {
  t_null = 1,
  t_boolean = 2,
  t_object = 4,
  t_array = 8,
  t_number = 16,
  t_string = 32,
  t_integer = 64,
};

std::optional<unsigned> type_bit(std::string_view name) {
  if (name == "null")
    return t_null;
  if (name == "boolean")
    return t_boolean;
  if (name == "object")
    return t_object;
  if (name == "array")
    return t_array;
  if (name == "number")
    return t_number;
  if (name == "string")
    return t_string;
  if (name == "integer")
    return t_integer;
  return std::nullopt;
}

struct Node {
  bool reject_all = false;
  int ref = -1; // draft-07: a $ref replaces every keyword beside it
  unsigned types = 0; // 0: any type
  const rapidjson::Value* enum_values = nullptr;
  const rapidjson::Value* const_value = nullptr;
  std::vector<std::pair<std::string, int>> properties;
  std::vector<std::string> required;
  bool no_additional = false;
  int additional = -1;
  int items = -1;
  std::optional<Pattern> pattern;
  std::optional<double> minimum;
  std::optional<size_t> min_length;
  std::vector<int> all_of;
  std::vector<int> one_of;
  int if_node = -1;
  int then_node = -1;
  int else_node = -1;
};

bool is_annotation(std::string_view key) {
  return key == "description" || key == "title" || key == "$comment" || key == "$id" ||
         key == "$schema" || key == "default" || key == "examples" || key == "format" ||
         key == "definitions";
}

} // namespace

struct CompiledSchema::Impl {
  rapidjson::Document schema;
  std::vector<Node> nodes;
  std::unordered_map<const rapidjson::Value*, int> compiled;

  // The node of `value`, compiled once; -1 when it uses something not supported.
  int compile(const rapidjson::Value& value) {
    if (auto it = compiled.find(&value); it != compiled.end())
      return it->second;
    int index = static_cast<int>(nodes.size());
    nodes.emplace_back();
    compiled.emplace(&value, index);
    if (value.IsBool()) {
      nodes[static_cast<size_t>(index)].reject_all = !value.GetBool();
      return index;
    }
    if (!value.IsObject())
      return -1;
    Node node;
    if (auto ref = value.FindMember("$ref"); ref != value.MemberEnd()) {
      if (!ref->value.IsString())
        return -1;
      std::string_view target(ref->value.GetString(), ref->value.GetStringLength());
      const rapidjson::Value* resolved = nullptr;
      if (target == "#")
        resolved = &schema;
      else if (target.starts_with("#/definitions/") && schema.IsObject()) {
        std::string name(target.substr(14));
        if (auto defs = schema.FindMember("definitions");
            defs != schema.MemberEnd() && defs->value.IsObject())
          if (auto def = defs->value.FindMember(name.c_str()); def != defs->value.MemberEnd())
            resolved = &def->value;
      }
      if (resolved == nullptr || (node.ref = compile(*resolved)) < 0)
        return -1;
      nodes[static_cast<size_t>(index)] = std::move(node);
      return index;
    }
    for (const auto& member : value.GetObject()) {
      std::string_view key(member.name.GetString(), member.name.GetStringLength());
      const rapidjson::Value& v = member.value;
      if (is_annotation(key))
        continue;
      if (key == "type") {
        if (v.IsString()) {
          auto bit = type_bit({v.GetString(), v.GetStringLength()});
          if (!bit)
            return -1;
          node.types |= *bit;
        } else if (v.IsArray()) {
          for (const auto& t : v.GetArray()) {
            auto bit = t.IsString() ? type_bit({t.GetString(), t.GetStringLength()}) : std::nullopt;
            if (!bit)
              return -1;
            node.types |= *bit;
          }
        } else {
          return -1;
        }
      } else if (key == "enum") {
        if (!v.IsArray())
          return -1;
        node.enum_values = &v;
      } else if (key == "const") {
        node.const_value = &v;
      } else if (key == "properties") {
        if (!v.IsObject())
          return -1;
        for (const auto& p : v.GetObject()) {
          int child = compile(p.value);
          if (child < 0)
            return -1;
          node.properties.emplace_back(std::string(p.name.GetString(), p.name.GetStringLength()),
                                       child);
        }
      } else if (key == "required") {
        if (!v.IsArray())
          return -1;
        for (const auto& r : v.GetArray()) {
          if (!r.IsString())
            return -1;
          node.required.emplace_back(r.GetString(), r.GetStringLength());
        }
      } else if (key == "additionalProperties") {
        if (v.IsBool() && !v.GetBool())
          node.no_additional = true;
        else if (!v.IsBool() && (node.additional = compile(v)) < 0)
          return -1;
      } else if (key == "items") {
        if (!v.IsObject() && !v.IsBool())
          return -1; // tuple form
        if ((node.items = compile(v)) < 0)
          return -1;
      } else if (key == "pattern") {
        if (!v.IsString() || !(node.pattern = Pattern::compile({v.GetString(), v.GetStringLength()})))
          return -1;
      } else if (key == "minimum") {
        if (!v.IsNumber())
          return -1;
        node.minimum = v.GetDouble();
      } else if (key == "minLength") {
        if (!v.IsUint())
          return -1;
        node.min_length = v.GetUint();
      } else if (key == "allOf" || key == "oneOf") {
        if (!v.IsArray() || v.Empty())
          return -1;
        for (const auto& s : v.GetArray()) {
          int child = compile(s);
          if (child < 0)
            return -1;
          (key == "allOf" ? node.all_of : node.one_of).push_back(child);
        }
      } else if (key == "if" || key == "then" || key == "else") {
        int child = compile(v);
        if (child < 0)
          return -1;
        (key == "if" ? node.if_node : key == "then" ? node.then_node : node.else_node) = child;
      } else {
        return -1;
      }
    }
    nodes[static_cast<size_t>(index)] = std::move(node);
    return index;
  }

  static bool has_type(const rapidjson::Value& v, unsigned types) {
    switch (v.GetType()) {
    case rapidjson::kNullType:
      return (types & t_null) != 0;
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return (types & t_boolean) != 0;
    case rapidjson::kObjectType:
      return (types & t_object) != 0;
    case rapidjson::kArrayType:
      return (types & t_array) != 0;
    case rapidjson::kStringType:
      return (types & t_string) != 0;
    case rapidjson::kNumberType:
      if ((types & t_number) != 0)
        return true;
      if ((types & t_integer) == 0)
        return false;
      if (v.IsInt64() || v.IsUint64())
        return true;
      return std::isfinite(v.GetDouble()) && std::floor(v.GetDouble()) == v.GetDouble();
    }
    return false;
  }

  bool accepts(int index, const rapidjson::Value& v) const {
    const Node& n = nodes[static_cast<size_t>(index)];
    if (n.reject_all)
      return false;
    if (n.ref >= 0)
      return accepts(n.ref, v);
    if (n.types != 0 && !has_type(v, n.types))
      return false;
    if (n.const_value != nullptr && !(*n.const_value == v))
      return false;
    if (n.enum_values != nullptr) {
      bool found = false;
      for (const auto& e : n.enum_values->GetArray())
        found = found || e == v;
      if (!found)
        return false;
    }
    if (v.IsObject()) {
      for (const std::string& name : n.required)
        if (!v.HasMember(rapidjson::StringRef(name.data(), name.size())))
          return false;
      for (const auto& member : v.GetObject()) {
        std::string_view key(member.name.GetString(), member.name.GetStringLength());
        int child = -1;
        for (const auto& [name, node] : n.properties)
          if (name == key) {
            child = node;
            break;
          }
        if (child < 0 && n.no_additional)
          return false;
        if (child < 0)
          child = n.additional;
        if (child >= 0 && !accepts(child, member.value))
          return false;
      }
    } else if (v.IsArray()) {
      if (n.items >= 0)
        for (const auto& item : v.GetArray())
          if (!accepts(n.items, item))
            return false;
    } else if (v.IsString()) {
      std::string_view s(v.GetString(), v.GetStringLength());
      if (n.min_length && text::length_utf8(s) < *n.min_length)
        return false;
      if (n.pattern && !n.pattern->search(s))
        return false;
    } else if (v.IsNumber()) {
      if (n.minimum && v.GetDouble() < *n.minimum)
        return false;
    }
    for (int s : n.all_of)
      if (!accepts(s, v))
        return false;
    if (!n.one_of.empty()) {
      int passing = 0;
      for (int s : n.one_of)
        passing += accepts(s, v) ? 1 : 0;
      if (passing != 1)
        return false;
    }
    if (n.if_node >= 0) {
      if (accepts(n.if_node, v)) {
        if (n.then_node >= 0 && !accepts(n.then_node, v))
          return false;
      } else if (n.else_node >= 0 && !accepts(n.else_node, v)) {
        return false;
      }
    }
    return true;
  }
};

CompiledSchema::CompiledSchema(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
CompiledSchema::CompiledSchema(CompiledSchema&&) noexcept = default;
CompiledSchema& CompiledSchema::operator=(CompiledSchema&&) noexcept = default;
CompiledSchema::~CompiledSchema() = default;

std::optional<CompiledSchema> CompiledSchema::compile(const rapidjson::Value& schema) {
  auto impl = std::make_unique<Impl>();
  impl->schema.CopyFrom(schema, impl->schema.GetAllocator());
  if (impl->compile(impl->schema) != 0)
    return std::nullopt;
  return CompiledSchema(std::move(impl));
}

bool CompiledSchema::accepts(const rapidjson::Value& instance) const {
  return m_impl->accepts(0, instance);
}

} // namespace svcdesc::validate
