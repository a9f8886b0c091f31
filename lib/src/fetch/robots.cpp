// The robots.txt reader (RFC 9309, the Robots Exclusion Protocol).
//
// The file is read line by line and never rejected: lines that are not "key: value" or have an
// unknown key are skipped, as the RFC asks, so a broken file restricts nothing it does not say.
// A group is one or more user-agent lines followed by rules; every group naming our product token
// is merged, else every '*' group, else there are no rules. Patterns and paths are compared in one
// canonical percent-encoding (RFC 9309 2.2.2), and a pattern is matched by its literal pieces
// between '*'s, each found leftmost after the previous one, which is exact for patterns whose only
// wildcard is '*' and costs a few string searches instead of backtracking.
#include <svcdesc/fetch/robots.hpp>
#include <svcdesc/text/utf8.hpp>

#include "fetch/percent.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace svcdesc::fetch {
namespace {

constexpr std::size_t k_max_robots_bytes = 500 * 1024;
// Longer patterns cannot match a URL we would fetch (normalize_url stops at 8 KiB) and would only
// cost time.
constexpr std::size_t k_max_pattern_bytes = 8192;
constexpr double k_max_crawl_delay_seconds = 24.0 * 60 * 60;

// Whether `pattern` (canonical, '*' any run of characters, a final '$' the end) matches `path`
// from its start.
bool matches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored)
    pattern.remove_suffix(1);

  std::size_t star = pattern.find('*');
  std::string_view head = pattern.substr(0, star);
  if (path.substr(0, head.size()) != head)
    return false;
  if (star == std::string_view::npos)
    return !anchored || path.size() == head.size();

  std::size_t at = head.size();
  pattern.remove_prefix(star + 1);
  // The last piece of an anchored pattern must end the path; it is found from the end.
  std::string_view tail;
  if (anchored) {
    std::size_t last_star = pattern.rfind('*');
    tail = last_star == std::string_view::npos ? pattern : pattern.substr(last_star + 1);
    pattern = last_star == std::string_view::npos ? std::string_view{} : pattern.substr(0, last_star);
  }
  while (!pattern.empty()) {
    std::size_t next = pattern.find('*');
    std::string_view piece = pattern.substr(0, next);
    if (!piece.empty()) {
      std::size_t found = path.find(piece, at);
      if (found == std::string_view::npos)
        return false;
      at = found + piece.size();
    }
    if (next == std::string_view::npos)
      break;
    pattern.remove_prefix(next + 1);
  }
  if (!anchored)
    return true;
  return path.size() >= at + tail.size() && path.substr(path.size() - tail.size()) == tail;
}

// The product token at the start of a user-agent value ("Googlebot/2.1" -> "Googlebot"), in lower
// case: RFC 9309 2.2.1 allows letters, '_' and '-'.
std::string product_token(std::string_view value) {
  std::string token;
  for (char c : value) {
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter && c != '_' && c != '-')
      break;
    token += c;
  }
  return text::ascii_lower(token);
}

enum class Key { user_agent, allow, disallow, crawl_delay, sitemap, other };

Key key_of(std::string_view name) {
  std::string key = text::ascii_lower(text::trim(name));
  // Common misspellings are read as what they obviously mean, as the big crawlers do.
  if (key == "user-agent" || key == "useragent" || key == "user agent")
    return Key::user_agent;
  if (key == "allow")
    return Key::allow;
  if (key == "disallow" || key == "dissallow" || key == "disalow" || key == "dissalow")
    return Key::disallow;
  if (key == "crawl-delay" || key == "crawldelay")
    return Key::crawl_delay;
  if (key == "sitemap" || key == "site-map")
    return Key::sitemap;
  return Key::other;
}

std::optional<double> parse_delay(std::string_view value) {
  double seconds = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, seconds);
  if (ec != std::errc{} || ptr != end || !std::isfinite(seconds) || seconds < 0)
    return std::nullopt;
  return std::min(seconds, k_max_crawl_delay_seconds);
}

// What one group says, while the file is read.
struct Group {
  bool ours = false;
  bool star = false;
  std::vector<Robots::Rule> rules;
  std::optional<double> crawl_delay;
};

} // namespace

Robots Robots::parse(std::string_view body, std::string_view agent) {
  bool truncated = body.size() > k_max_robots_bytes;
  body = body.substr(0, k_max_robots_bytes);
  if (truncated) { // a line cut in the middle could be a shortened Allow or Disallow
    std::size_t last_eol = body.find_last_of("\r\n");
    body = body.substr(0, last_eol == std::string_view::npos ? 0 : last_eol + 1);
  }
  if (body.substr(0, 3) == "\xEF\xBB\xBF")
    body.remove_prefix(3);
  std::string our_token = product_token(text::trim(agent));

  Robots robots;
  std::vector<Group> groups;
  bool in_user_agents = false; // the previous rule line was a user-agent line
  while (!body.empty()) {
    std::size_t eol = body.find_first_of("\r\n");
    std::string_view line = body.substr(0, eol);
    body.remove_prefix(eol == std::string_view::npos ? body.size() : eol + 1);

    line = line.substr(0, line.find('#'));
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos)
      continue;
    Key key = key_of(line.substr(0, colon));
    std::string_view value = text::trim(line.substr(colon + 1));

    switch (key) {
    case Key::user_agent: {
      if (!in_user_agents || groups.empty())
        groups.emplace_back();
      in_user_agents = true;
      std::string token = product_token(value);
      if (!value.empty() && value.front() == '*')
        groups.back().star = true;
      else if (!token.empty() && token == our_token)
        groups.back().ours = true;
      break;
    }
    case Key::allow:
    case Key::disallow:
      in_user_agents = false;
      // Rules before the first user-agent line belong to no group; an empty pattern matches
      // nothing; a pattern is a path, so one not starting with '/' or '*' is made to.
      if (!groups.empty() && !value.empty() && value.size() <= k_max_pattern_bytes) {
        std::string pattern = detail::canonical_percent(value);
        if (pattern.front() != '/' && pattern.front() != '*')
          pattern.insert(0, 1, '/');
        groups.back().rules.push_back(Rule{key == Key::allow, std::move(pattern)});
      }
      break;
    case Key::crawl_delay:
      in_user_agents = false;
      if (!groups.empty())
        if (auto delay = parse_delay(value))
          groups.back().crawl_delay = std::max(groups.back().crawl_delay.value_or(0.0), *delay);
      break;
    case Key::sitemap:
      // Sitemap lines stand outside groups and do not end one.
      if (!value.empty() && robots.m_sitemaps.size() < 1000)
        robots.m_sitemaps.emplace_back(value);
      break;
    case Key::other:
      break;
    }
  }

  bool any_ours = std::any_of(groups.begin(), groups.end(), [](const Group& g) { return g.ours; });
  for (Group& group : groups) {
    if (any_ours ? !group.ours : !group.star)
      continue;
    for (Rule& rule : group.rules)
      robots.m_rules.push_back(std::move(rule));
    if (group.crawl_delay)
      robots.m_crawl_delay = std::max(robots.m_crawl_delay.value_or(0.0), *group.crawl_delay);
  }
  return robots;
}

Robots Robots::allow_all() { return Robots{}; }

Robots Robots::disallow_all() {
  Robots robots;
  robots.m_disallow_all = true;
  return robots;
}

bool Robots::allowed(std::string_view path_and_query) const {
  // A '*' or '$' in a path is a character, which a pattern writes as %2A or %24 (RFC 9309 2.2.3).
  std::string path;
  if (path_and_query.empty() || path_and_query.front() != '/')
    path += '/';
  for (char c : detail::canonical_percent(path_and_query)) {
    if (c == '*' || c == '$')
      detail::append_pct(path, static_cast<unsigned char>(c));
    else
      path += c;
  }
  if (path == "/robots.txt")
    return true;
  if (m_disallow_all)
    return false;
  const Rule* best = nullptr;
  for (const Rule& rule : m_rules) {
    if (!matches(rule.pattern, path))
      continue;
    if (best == nullptr || rule.pattern.size() > best->pattern.size() ||
        (rule.pattern.size() == best->pattern.size() && rule.allow && !best->allow))
      best = &rule;
  }
  return best == nullptr || best->allow;
}

std::optional<double> Robots::crawl_delay() const { return m_crawl_delay; }

const std::vector<std::string>& Robots::sitemaps() const { return m_sitemaps; }

} // namespace svcdesc::fetch
