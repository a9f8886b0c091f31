// record::Filter, shared by export and stale.
#include <svcdesc/record/filter.hpp>

#include <doctest/doctest.h>

using namespace svcdesc;

namespace {

record::Record espoo() {
  record::Record r;
  r.id = "x";
  r.lang = "sv";
  r.kind = "service";
  r.organisation = record::Organisation{};
  r.organisation->name = "Esbo stad";
  r.area.type = "limited";
  r.area.municipalities = {{"049", "Esbo"}};
  r.updated = "2023-03-14";
  return r;
}

} // namespace

TEST_CASE("record::Filter") {
  record::Filter f;
  CHECK(f.empty());
  CHECK(f.accepts(espoo()));
  SUBCASE("organisation: case-insensitive substring, also for Å Ä Ö") {
    f.organisations = {"ESBO"};
    CHECK(f.accepts(espoo()));
    f.organisations = {"kuopio"};
    CHECK_FALSE(f.accepts(espoo()));
    record::Record r = espoo();
    r.organisation->name = "Östra Nylands välfärdsområde";
    f.organisations = {"östra"};
    CHECK(f.accepts(r));
    r.organisation.reset();
    CHECK_FALSE(f.accepts(r));
  }
  SUBCASE("area: the municipality, its region and its county") {
    for (const char* code : {"049", "municipality:049", "01", "region:01", "03", "county:03"}) {
      f.areas = {code};
      CHECK_MESSAGE(f.accepts(espoo()), code);
    }
    for (const char* code : {"091", "region:03", "county:01", "nationwide"}) {
      f.areas = {code};
      CHECK_FALSE_MESSAGE(f.accepts(espoo()), code);
    }
    record::Record r = espoo();
    r.area.type = "nationwide_except_aland";
    r.area.municipalities.clear();
    f.areas = {"nationwide"};
    CHECK(f.accepts(r));
  }
  SUBCASE("kind and lang") {
    f.kinds = {"news", "service"};
    f.langs = {"SV"};
    CHECK(f.accepts(espoo()));
    f.langs = {"fi"};
    CHECK_FALSE(f.accepts(espoo()));
  }
  SUBCASE("updated before/after are strict and leave out undated records") {
    f.updated_after = "2023-03-13";
    CHECK(f.accepts(espoo()));
    f.updated_after = "2023-03-14";
    CHECK_FALSE(f.accepts(espoo()));
    f.updated_after.reset();
    f.updated_before = "2023-03-15";
    CHECK(f.accepts(espoo()));
    record::Record r = espoo();
    r.updated.reset();
    CHECK_FALSE(f.accepts(r));
  }
}

TEST_CASE("record::check_filter") {
  record::Filter f;
  CHECK(record::check_filter(f).has_value());
  f.areas = {"049", "county:90", "nationwide"};
  CHECK(record::check_filter(f).has_value());
  f.areas = {"999"};
  CHECK_FALSE(record::check_filter(f).has_value());
  f.areas.clear();
  f.kinds = {"servce"};
  CHECK_FALSE(record::check_filter(f).has_value());
  f.kinds.clear();
  f.updated_before = "2023-02-29";
  CHECK_FALSE(record::check_filter(f).has_value());
  f.updated_before = "2024-02-29";
  CHECK(record::check_filter(f).has_value());
}
