#pragma once

#include <svcdesc/core/result.hpp>
#include <svcdesc/fetch/fetcher.hpp>
#include <svcdesc/fetch/incremental.hpp>
#include <svcdesc/fetch/state.hpp>
#include <svcdesc/parse/parse.hpp>

#include <memory>
#include <optional>
#include <string>

namespace svcdesc::fetch {

// The nightly decisions for one unit of the state (a page, or a PTV service), shared by
// fetch_pages and fetch_ptv: a body is parsed into fresh records or, with the same SHA-256,
// carried forward unparsed; 404/410 keep the records withdrawn; a failure keeps them carried
// over. Each unit is committed in its own transaction and reported through callbacks.page.
class UnitRun {
public:
  UnitRun(StateStore& state, const parse::Options& options, const RunCallbacks& callbacks);
  UnitRun(const UnitRun&) = delete;
  UnitRun& operator=(const UnitRun&) = delete;
  ~UnitRun();

  // Decides the unit `key` of the state from `response` (whose url is the source URL of the
  // records); false when the state file failed (error() says why).
  bool handle(Response&& response, const std::string& key);
  // A page whose sitemap <lastmod> is older than its last good fetch: reported unchanged without
  // a request. False when there is nothing to carry forward, or when the state failed.
  bool skip_if_unchanged(const Target& target);
  // Reports the stored records of `key` (shown as `url`) again for a unit this run did not touch:
  // unchanged, withdrawn, or carried over when `failure` says why the run could not tell (a
  // listing that could not be read). False when the state file failed.
  bool carry_stored(const std::string& key, const std::string& url,
                    const std::optional<std::string>& failure);
  const std::optional<Error>& error() const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

} // namespace svcdesc::fetch
