// parse::parse_page on input that is not a page, and the profile names.
#include <svcdesc/parse/parse.hpp>

#include <doctest/doctest.h>

#include <string>

using svcdesc::parse::Options;
using svcdesc::parse::parse_page;
using svcdesc::parse::Profile;

TEST_CASE("parse::parse_page refuses what is not a page") {
  SUBCASE("empty") {
    auto r = parse_page("empty.txt", "");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message.find("empty") != std::string::npos);
  }
  SUBCASE("whitespace only") {
    for (const char* text : {" ", "\n\n", " \t\r\n ", "\xEF\xBB\xBF"}) {
      CAPTURE(text);
      auto r = parse_page("blank.txt", text);
      REQUIRE_FALSE(r.has_value());
      CHECK(r.error().message.find("whitespace") != std::string::npos);
    }
  }
  SUBCASE("whitespace only after a BOM") {
    auto r = parse_page("blank.txt", "\xEF\xBB\xBF  \r\n");
    CHECK_FALSE(r.has_value());
  }
  SUBCASE("a NUL byte, with its line and column") {
    std::string text = "suomi.fi\nPerhe";
    text += '\0';
    text += "työ\n";
    auto r = parse_page("bin.txt", text);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message.find("NUL") != std::string::npos);
    CHECK(r.error().line == 2);
    CHECK(r.error().column == 6);
  }
  SUBCASE("invalid UTF-8, with its line and column") {
    // "Päivitetty" in ISO-8859-1 on line 3.
    auto r = parse_page("latin1.txt", "suomi.fi\nPerhetyö\nP\xE4ivitetty: 6.2.2020\n");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message.find("UTF-8") != std::string::npos);
    CHECK(r.error().message.find("0xE4") != std::string::npos);
    CHECK(r.error().line == 3);
    CHECK(r.error().column == 2);
  }
  SUBCASE("invalid UTF-8 after CRLF lines") {
    auto r = parse_page("crlf.txt", "a\r\nb\r\n\xC0\xAF");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().line == 3);
    CHECK(r.error().column == 1);
  }
  SUBCASE("an overlong form on the first line") {
    auto r = parse_page("x.txt", "ab\xC0\xAF");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().line == 1);
    CHECK(r.error().column == 3);
  }
  SUBCASE("a line over the limit") {
    Options options;
    options.max_line_bytes = 100;
    std::string text = "Perhekeskus\n\n" + std::string(101, 'a') + "\n";
    auto r = parse_page("long.txt", text, options);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message.find("100") != std::string::npos);
    CHECK(r.error().line == 3);
  }
  SUBCASE("a line at the limit is accepted") {
    Options options;
    options.max_line_bytes = 100;
    std::string text = "Perhekeskus\n\n" + std::string(100, 'a') + "\n";
    CHECK(parse_page("ok.txt", text, options).has_value());
  }
  SUBCASE("a page over the size limit") {
    Options options;
    options.max_bytes = 10;
    auto r = parse_page("big.txt", "Perhekeskus kokoaa palvelut", options);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message.find("10") != std::string::npos);
  }
  SUBCASE("valid UTF-8 with 4-byte sequences is accepted") {
    auto r = parse_page("emoji.txt", "Perhekeskus \xF0\x9F\x98\x80\n\nTervetuloa.");
    REQUIRE(r.has_value());
    CHECK(r->title == "Perhekeskus \xF0\x9F\x98\x80");
  }
}

TEST_CASE("parse::profile_from_name") {
  CHECK(svcdesc::parse::profile_from_name("auto") == Profile::automatic);
  CHECK(svcdesc::parse::profile_from_name("suomifi") == Profile::suomifi);
  CHECK(svcdesc::parse::profile_from_name("generic") == Profile::generic);
  CHECK_FALSE(svcdesc::parse::profile_from_name("Generic").has_value());
  CHECK_FALSE(svcdesc::parse::profile_from_name("").has_value());
  for (Profile p : {Profile::automatic, Profile::suomifi, Profile::generic})
    CHECK(svcdesc::parse::profile_from_name(svcdesc::parse::profile_name(p)) == p);
}

// A page of no-break spaces (or zero-width spaces) is whitespace only, which the contract says is
// an error; it is parsed instead into a record with an empty title.
TEST_CASE("parse::parse_page refuses a page of Unicode whitespace") {
  CHECK_FALSE(parse_page("nbsp.txt", "\xC2\xA0\n\xC2\xA0\n").has_value());
  CHECK_FALSE(parse_page("zwsp.txt", "\xE2\x80\x8B").has_value());
}
