#include <svcdesc/stale/stale.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace svcdesc;
using stale::Date;

namespace {

std::string minus_months(const char* iso, int months) {
  return stale::add_months(*stale::parse_iso_date(iso), -months).iso();
}

record::Record make(const std::string& id, const std::string& lang, const char* updated,
                    const std::string& org = "Kuopion kaupunki") {
  record::Record r;
  r.id = id;
  r.lang = lang;
  r.kind = "service";
  r.title = "Title " + id + " " + lang;
  r.organisation = record::Organisation{};
  r.organisation->name = org;
  if (updated != nullptr)
    r.updated = updated;
  return r;
}

stale::Options options_at(const char* as_of, const char* threshold = "12m") {
  stale::Options o;
  o.as_of = *stale::parse_iso_date(as_of);
  o.threshold = *stale::parse_threshold(threshold);
  return o;
}

} // namespace

TEST_CASE("stale::parse_threshold") {
  auto t = stale::parse_threshold("30d");
  REQUIRE(t);
  CHECK(t->unit == stale::Threshold::Unit::days);
  CHECK(t->amount == 30);
  CHECK(stale::parse_threshold("6m")->unit == stale::Threshold::Unit::months);
  CHECK(stale::parse_threshold("2y")->unit == stale::Threshold::Unit::years);
  CHECK(stale::parse_threshold("2025-01-01")->unit == stale::Threshold::Unit::date);
  CHECK_FALSE(stale::parse_threshold(""));
  CHECK_FALSE(stale::parse_threshold("m"));
  CHECK_FALSE(stale::parse_threshold("12"));
  CHECK_FALSE(stale::parse_threshold("3x"));
  CHECK_FALSE(stale::parse_threshold("-3m"));
  CHECK_FALSE(stale::parse_threshold("1234567d"));
  CHECK_FALSE(stale::parse_threshold("2025-02-30"));
  CHECK(stale::parse_threshold("3x").error().message.find("30d, 6m, 2y") != std::string::npos);
}

TEST_CASE("stale::parse_iso_date") {
  CHECK(stale::parse_iso_date("2024-02-29"));
  CHECK_FALSE(stale::parse_iso_date("2023-02-29"));
  CHECK_FALSE(stale::parse_iso_date("1900-02-29"));
  CHECK(stale::parse_iso_date("2000-02-29"));
  CHECK_FALSE(stale::parse_iso_date("2024-13-01"));
  CHECK_FALSE(stale::parse_iso_date("2024-1-01"));
  CHECK_FALSE(stale::parse_iso_date("24.2.2024"));
}

TEST_CASE("stale::add_months") {
  CHECK(minus_months("2026-11-23", 6) == "2026-05-23");
  CHECK(minus_months("2026-11-23", 12) == "2025-11-23");
  CHECK(minus_months("2026-01-15", 1) == "2025-12-15");
  SUBCASE("the 31st clamps to the end of shorter months") {
    CHECK(minus_months("2026-03-31", 1) == "2026-02-28");
    CHECK(minus_months("2024-03-31", 1) == "2024-02-29");
    CHECK(minus_months("2026-05-31", 1) == "2026-04-30");
    CHECK(minus_months("2026-12-31", 6) == "2026-06-30");
  }
  SUBCASE("leap days") {
    CHECK(minus_months("2024-02-29", 12) == "2023-02-28");
    CHECK(minus_months("2024-02-29", 48) == "2020-02-29");
    CHECK(stale::add_months(*stale::parse_iso_date("2023-02-28"), 12).iso() == "2024-02-28");
  }
  SUBCASE("thresholds") {
    Date as_of = *stale::parse_iso_date("2026-11-23");
    CHECK(stale::parse_threshold("30d")->cutoff(as_of).iso() == "2026-10-24");
    CHECK(stale::parse_threshold("2y")->cutoff(as_of).iso() == "2024-11-23");
    CHECK(stale::parse_threshold("2020-01-01")->cutoff(as_of).iso() == "2020-01-01");
  }
}

TEST_CASE("stale::days_from_date") {
  CHECK(stale::days_from_date({1970, 1, 1}) == 0);
  CHECK(stale::days_from_date({2000, 3, 1}) - stale::days_from_date({2000, 2, 28}) == 2);
  CHECK(stale::days_from_date({2026, 11, 23}) - stale::days_from_date({2025, 11, 23}) == 365);
  CHECK(stale::days_from_date({2024, 11, 23}) - stale::days_from_date({2023, 11, 23}) == 366);
  CHECK(stale::date_from_days(stale::days_from_date({2024, 2, 29})).iso() == "2024-02-29");
  CHECK(stale::date_from_unix_seconds(1795435200).iso() == "2026-11-23");
  CHECK(stale::date_from_unix_seconds(-1).iso() == "1969-12-31");
}

TEST_CASE("stale::Audit") {
  SUBCASE("older than the threshold, oldest first, with age in days") {
    stale::Audit audit(options_at("2026-11-23"));
    audit.add(make("a", "fi", "2024-01-01"), "in", 1);
    audit.add(make("b", "fi", "2020-01-01"), "in", 2);
    audit.add(make("c", "fi", "2025-11-23"), "in", 3); // exactly the cutoff: not stale
    audit.add(make("d", "fi", "2025-11-22"), "in", 4);
    stale::Report r = audit.finish();
    REQUIRE(r.stale.size() == 3);
    CHECK(r.stale[0].id == "b");
    CHECK(r.stale[1].id == "a");
    CHECK(r.stale[2].id == "d");
    CHECK(r.stale[2].age_days == 366);
    CHECK(r.summary.entries() == 3);
  }
  SUBCASE("records without a date are a group of their own") {
    stale::Audit audit(options_at("2026-11-23"));
    audit.add(make("a", "fi", nullptr), "in", 1);
    audit.add(make("b", "fi", "2026-11-01"), "in", 2);
    stale::Report r = audit.finish();
    CHECK(r.stale.empty());
    REQUIRE(r.missing_updated.size() == 1);
    CHECK(r.missing_updated[0].reason == stale::Reason::no_updated);
  }
  SUBCASE("cross-language: older versions of one id are behind the newest") {
    stale::Audit audit(options_at("2026-11-23"));
    audit.add(make("x", "sv", "2024-05-01"), "in", 1);
    audit.add(make("x", "en", "2026-10-01"), "in", 2);
    audit.add(make("x", "fi", "2026-11-01"), "in", 3);
    audit.add(make("y", "fi", "2026-11-01"), "in", 4);
    audit.add(make("y", "sv", "2026-11-01"), "in", 5); // same date: not behind
    audit.add(make("z", "fi", "2026-01-01"), "in", 6);
    audit.add(make("z", "fi", "2026-02-01"), "in", 7); // same language twice: not behind
    stale::Report r = audit.finish();
    REQUIRE(r.cross_language.size() == 2);
    CHECK(r.cross_language[0].lang == "sv");
    CHECK(r.cross_language[0].newest_lang == "fi");
    CHECK(r.cross_language[0].behind_days == 914);
    CHECK(r.cross_language[1].lang == "en");
    CHECK(r.cross_language[1].behind_days == 31);
    CHECK(r.stale.size() == 1); // sv is also older than 12 months
  }
  SUBCASE("cross-language with a gap and a language filter") {
    stale::Options o = options_at("2026-11-23");
    o.lang_gap = *stale::parse_threshold("6m");
    o.filter.langs = {"sv", "en"};
    stale::Audit audit(o);
    audit.add(make("x", "fi", "2026-11-01"), "in", 1); // filtered out, still the newest
    audit.add(make("x", "sv", "2024-05-01"), "in", 2);
    audit.add(make("x", "en", "2026-10-01"), "in", 3); // one month behind: within the gap
    stale::Report r = audit.finish();
    REQUIRE(r.cross_language.size() == 1);
    CHECK(r.cross_language[0].lang == "sv");
    CHECK(r.cross_language[0].newest_lang == "fi");
    CHECK(r.summary.matched == 2);
  }
  SUBCASE("no cross-language comparison when turned off") {
    stale::Options o = options_at("2026-11-23");
    o.cross_language = false;
    stale::Audit audit(o);
    audit.add(make("x", "fi", "2026-11-01"), "in", 1);
    audit.add(make("x", "sv", "2026-01-01"), "in", 2);
    CHECK(audit.finish().summary.entries() == 0);
  }
}

TEST_CASE("stale::Report groups") {
  stale::Options o = options_at("2026-11-23");
  o.group_by = stale::GroupBy::county;
  stale::Audit audit(o);
  record::Record kuopio = make("a", "fi", "2020-01-01");
  kuopio.area.type = "limited";
  kuopio.area.municipalities = {{"297", "Kuopio"}};
  record::Record kainuu = make("b", "fi", nullptr);
  kainuu.area.wellbeing_services_counties = {{"20", "Kainuun hyvinvointialue"}};
  record::Record kela = make("c", "en", "2019-01-01", "Kela");
  kela.area.type = "nationwide";
  record::Record both = make("d", "fi", "2018-01-01");
  both.area.municipalities = {{"297", "Kuopio"}, {"205", "Kajaani"}};
  audit.add(kuopio, "in", 1);
  audit.add(kainuu, "in", 2);
  audit.add(kela, "in", 3);
  audit.add(both, "in", 4);
  stale::Report r = audit.finish();
  REQUIRE(r.groups.size() == 3);
  CHECK(r.groups[0].key == "13"); // Pohjois-Savo, from the municipality Kuopio
  CHECK(r.groups[0].label == "13 Pohjois-Savon hyvinvointialue");
  CHECK(r.groups[0].older_than == 2);
  CHECK(r.groups[1].key == "20");
  CHECK(r.groups[1].older_than == 1);
  CHECK(r.groups[1].no_updated == 1);
  CHECK(r.groups[2].key == "nationwide");
}

TEST_CASE("stale::Filter") {
  record::Record r = make("a", "sv", "2020-01-01", "Esbo stad");
  r.area.municipalities = {{"049", "Espoo"}};
  stale::Filter f;
  CHECK(f.accepts(r));
  f.organisations = {"ESBO"};
  CHECK(f.accepts(r));
  f.areas = {"03"}; // Länsi-Uusimaa, derived from Espoo
  CHECK(f.accepts(r));
  f.areas = {"region:01"};
  CHECK(f.accepts(r));
  f.areas = {"county:01"};
  CHECK_FALSE(f.accepts(r));
  f.areas = {"nationwide", "049"};
  CHECK(f.accepts(r));
  f.langs = {"fi"};
  CHECK_FALSE(f.accepts(r));
  CHECK_FALSE(stale::check_areas({"999"}));
  CHECK(stale::check_areas({"049", "county:20", "nationwide"}));
}

TEST_CASE("stale::render") {
  stale::Audit audit(options_at("2026-11-23"));
  record::Record r = make("a", "fi", "2020-01-01");
  r.title = "<b>\"Quoted\", & more</b>";
  audit.add(r, "in", 1);
  stale::Report report = audit.finish();
  std::string html = stale::render_html(report);
  CHECK(html.find("&lt;b&gt;&quot;Quoted&quot;, &amp; more&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("<b>\"Quoted\"") == std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg")); // no other loads
  std::string csv = stale::render_csv(report);
  CHECK(csv.find("\"<b>\"\"Quoted\"\", & more</b>\"") != std::string::npos);
  CHECK(csv.find("\r\n") != std::string::npos);
  std::string text = stale::render_text(report, 10);
  CHECK(text.find("<b>\"Quote…") != std::string::npos);
}
