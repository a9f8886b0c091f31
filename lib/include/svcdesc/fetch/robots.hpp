#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::fetch {

// The rules of one robots.txt (RFC 9309) that apply to one crawler.
class Robots {
public:
  // One Allow or Disallow line of the chosen group, its path pattern as written.
  struct Rule {
    bool allow = false;
    std::string pattern;
  };

  // Parses robots.txt for the crawler whose product token is `agent` ("svcdesc"): the groups whose
  // user-agent matches it (case-insensitive; all of them merged, as RFC 9309 2.2.1 says), else the
  // '*' groups, else no rules (everything allowed). At most the first 500 KiB are read. Never fails:
  // lines that are not rules are ignored, as the RFC asks.
  static Robots parse(std::string_view body, std::string_view agent);
  // No rules: robots.txt answered 4xx (404) or there is none.
  static Robots allow_all();
  // Everything disallowed: robots.txt answered 5xx or was unreachable (RFC 9309 2.3.1.4).
  static Robots disallow_all();

  // Whether `path_and_query` ("/a/b?x=1", see path_and_query in url.hpp) may be fetched: the rule
  // with the longest matching pattern wins, Allow wins a tie, '*' matches any characters and a
  // final '$' anchors the end. "/robots.txt" is always allowed.
  bool allowed(std::string_view path_and_query) const;
  // The chosen group's Crawl-delay in seconds (not part of RFC 9309, widely used), if given and a
  // non-negative number; at most 24 hours.
  std::optional<double> crawl_delay() const;
  // Every Sitemap line of the file, whichever group it is in, as written (absolute URLs).
  const std::vector<std::string>& sitemaps() const;
  // The rules of the chosen group, for diagnostics and tests.
  const std::vector<Rule>& rules() const { return m_rules; }

private:
  std::vector<Rule> m_rules;
  std::optional<double> m_crawl_delay;
  std::vector<std::string> m_sitemaps;
  bool m_disallow_all = false;
};

} // namespace svcdesc::fetch
