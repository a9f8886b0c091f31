#pragma once

#include <svcdesc/core/result.hpp>
#include <svcdesc/fetch/fetcher.hpp>
#include <svcdesc/fetch/incremental.hpp>
#include <svcdesc/fetch/state.hpp>
#include <svcdesc/parse/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesc::fetch {

// The production PTV Open API, version 11.
inline constexpr std::string_view k_ptv_default_base =
    "https://api.palvelutietovaranto.suomi.fi/api/v11/";

// An area filter of the PTV API: its area type ("Municipality", "Province", "BusinessRegions",
// "HospitalRegions") and code ("091").
struct PtvArea {
  std::string type;
  std::string code;
};

struct PtvOptions {
  std::string base{k_ptv_default_base}; // ends with '/'
  // Ask for the services changed since this date ("2026-11-01T00:00:00", UTC) instead of the one
  // stored for the selection.
  std::optional<std::string> since;
  std::vector<std::string> organizations; // organisation GUIDs
  std::vector<PtvArea> areas;
  size_t batch = 100;      // GUIDs per /Service/list call (the API takes at most 100)
  size_t max_pages = 1000; // pages read of one listing (the API's pages hold 1,000 entries)
  // Subtracted from the run's start when it is stored as the next run's date, so that a clock
  // that runs ahead of the API's loses nothing.
  std::int64_t margin = 3600;
};

// A listing page that could not be read: its URL and why.
struct PtvProblem {
  std::string url;
  std::string message;
};

struct PtvResult {
  std::optional<std::string> since;      // the date asked from; nullopt: the full listing
  std::optional<std::string> next_since; // stored for the next run; nullopt when incomplete
  size_t retry = 0; // services that failed, which the next run asks for again by GUID
  std::vector<PtvProblem> problems;      // listing pages not read: the run is incomplete
  bool unreachable = false;              // no listing request reached the API at all
};

// The key of a PTV selection in the state file: the base and the filters.
std::string ptv_selection(const PtvOptions& options);

// "2026-11-23" or "2026-11-23T06:30:00" (UTC) in the API's form "2026-11-23T06:30:00"; nullopt
// when it is neither.
std::optional<std::string> ptv_date(std::string_view text);

// The nightly job against the PTV Open API. Lists the GUIDs of the services changed since the
// selection's stored date (GET Service?date=..&page=N, or Service/area/TYPE/code/CODE per area;
// the full listing on a first run), reads the organisations' services whole (GET
// Service/list/organization?organizationId=..&page=N, which has no date filter), fetches the
// listed services 100 GUIDs at a time (GET Service/list?guids=..), and lists the services archived
// or withdrawn since the date (status=Archived, status=Withdrawn) to mark the known ones
// withdrawn. Each service is a unit of the state ("ptv:GUID") decided as a page is by
// fetch_pages; every other service the state knows is reported again with its stored records.
// The date for the next run is stored only when every listing and every service succeeded.
// Returns an error only when the state file cannot be read or written.
Result<PtvResult> fetch_ptv(const PtvOptions& options, StateStore& state, HttpClient& client,
                            const parse::Options& parse_options, const RunCallbacks& callbacks);

} // namespace svcdesc::fetch
