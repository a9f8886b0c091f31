#include <svcdesc/text/utf8.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

using svcdesc::text::append_utf8;
using svcdesc::text::clean_text;
using svcdesc::text::collapse_spaces;
using svcdesc::text::find_invalid_utf8;
using svcdesc::text::fold;
using svcdesc::text::fold_ascii;
using svcdesc::text::length_utf8;
using svcdesc::text::next_code_point;
using svcdesc::text::split_trimmed;
using svcdesc::text::starts_with_icase;
using svcdesc::text::trim;

TEST_CASE("text::find_invalid_utf8") {
  SUBCASE("valid text is accepted") {
    CHECK_FALSE(find_invalid_utf8("").has_value());
    CHECK_FALSE(find_invalid_utf8("Palvelun kielisuomi").has_value());
    CHECK_FALSE(find_invalid_utf8("Kenelle ja millä ehdoin").has_value());
    CHECK_FALSE(find_invalid_utf8("Maksu 12,50 € – ”lainaus”").has_value());
    // Long ASCII runs go through the eight-byte fast path; the ä after them must still be read.
    CHECK_FALSE(find_invalid_utf8("Sosiaalihuollon vertaistukitoiminta on maksutonta äläkä").has_value());
  }
  SUBCASE("4-byte sequences are accepted") {
    CHECK_FALSE(find_invalid_utf8("Perhe \xF0\x9F\x98\x80 ok").has_value());  // U+1F600
    CHECK_FALSE(find_invalid_utf8("\xF4\x8F\xBF\xBF").has_value());            // U+10FFFF
    CHECK_FALSE(find_invalid_utf8("\xF0\x90\x80\x80").has_value());            // U+10000
    CHECK_FALSE(find_invalid_utf8("\xED\x9F\xBF").has_value());                // U+D7FF
    CHECK_FALSE(find_invalid_utf8("\xEE\x80\x80").has_value());                // U+E000
  }
  SUBCASE("a Latin-1 byte is found at its offset") {
    // "Päivitetty" written in ISO-8859-1: 0xE4 for ä.
    CHECK(find_invalid_utf8("P\xE4ivitetty") == std::optional<size_t>(1));
  }
  SUBCASE("overlong forms") {
    CHECK(find_invalid_utf8("ab\xC0\xAF") == std::optional<size_t>(2));       // '/' in 2 bytes
    CHECK(find_invalid_utf8("\xC1\xBF") == std::optional<size_t>(0));
    CHECK(find_invalid_utf8("\xE0\x80\xAF") == std::optional<size_t>(0));     // '/' in 3 bytes
    CHECK(find_invalid_utf8("\xE0\x9F\xBF") == std::optional<size_t>(0));     // U+07FF in 3 bytes
    CHECK(find_invalid_utf8("\xF0\x80\x80\xAF") == std::optional<size_t>(0)); // '/' in 4 bytes
    CHECK(find_invalid_utf8("\xF0\x8F\xBF\xBF") == std::optional<size_t>(0)); // U+FFFF in 4 bytes
  }
  SUBCASE("surrogates") {
    CHECK(find_invalid_utf8("x\xED\xA0\x80y") == std::optional<size_t>(1)); // U+D800
    CHECK(find_invalid_utf8("\xED\xBF\xBF") == std::optional<size_t>(0));   // U+DFFF
  }
  SUBCASE("above U+10FFFF") {
    CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == std::optional<size_t>(0));
    CHECK(find_invalid_utf8("\xF5\x80\x80\x80") == std::optional<size_t>(0));
    CHECK(find_invalid_utf8("\xFF") == std::optional<size_t>(0));
  }
  SUBCASE("truncated sequences") {
    CHECK(find_invalid_utf8("maksuton \xC3") == std::optional<size_t>(9));
    CHECK(find_invalid_utf8("\xE2\x82") == std::optional<size_t>(0));       // € cut short
    CHECK(find_invalid_utf8("\xF0\x9F\x98") == std::optional<size_t>(0));
    CHECK(find_invalid_utf8("\xE2\x82x") == std::optional<size_t>(0));      // cut by ASCII
  }
  SUBCASE("a lone continuation byte") {
    CHECK(find_invalid_utf8("abc\x80") == std::optional<size_t>(3));
    CHECK(find_invalid_utf8("12345678\xA4") == std::optional<size_t>(8));
  }
  SUBCASE("the first of several errors is reported") {
    CHECK(find_invalid_utf8("ä\xFF\xC0\xAF") == std::optional<size_t>(2));
  }
}

TEST_CASE("text::next_code_point and append_utf8") {
  SUBCASE("decode one code point of each length") {
    std::string_view s = "aä€\xF0\x9F\x98\x80";
    size_t i = 0;
    CHECK(next_code_point(s, i) == U'a');
    CHECK(i == 1);
    CHECK(next_code_point(s, i) == U'ä');
    CHECK(i == 3);
    CHECK(next_code_point(s, i) == U'€');
    CHECK(i == 6);
    CHECK(next_code_point(s, i) == U'\U0001F600');
    CHECK(i == 10);
  }
  SUBCASE("encode round-trips") {
    for (char32_t cp : {U'a', U'\u00E4', U'\u20AC', U'\U0001F600', U'\U0010FFFF'}) {
      std::string out;
      append_utf8(out, cp);
      CHECK_FALSE(find_invalid_utf8(out).has_value());
      size_t i = 0;
      CHECK(next_code_point(out, i) == cp);
      CHECK(i == out.size());
    }
    std::string out;
    append_utf8(out, U'ä');
    CHECK(out == "\xC3\xA4");
  }
}

TEST_CASE("text::clean_text") {
  SUBCASE("a leading BOM is removed") {
    CHECK(clean_text("\xEF\xBB\xBFsuomi.fi\nPerhetyö") == "suomi.fi\nPerhetyö");
  }
  SUBCASE("CRLF and lone CR become LF") {
    CHECK(clean_text("Perustiedot\r\nAlue Kuopio\r\n") == "Perustiedot\nAlue Kuopio\n");
    CHECK(clean_text("a\rb") == "a\nb");
    CHECK(clean_text("a\r\rb") == "a\n\nb");
  }
  SUBCASE("no-break and other typographic spaces become a plain space") {
    CHECK(clean_text("12,50\xC2\xA0€") == "12,50 €");       // NBSP
    CHECK(clean_text("7\xE2\x80\xAFkuntaa") == "7 kuntaa"); // narrow NBSP
    CHECK(clean_text("a\tb") == "a b");
  }
  SUBCASE("soft hyphens and zero-width characters are dropped") {
    CHECK(clean_text("vertais\xC2\xADtuki\xC2\xADtoiminta") == "vertaistukitoiminta");
    CHECK(clean_text("Perhe\xE2\x80\x8Bkeskus") == "Perhekeskus");
    CHECK(clean_text("a\xEF\xBB\xBF" "b") == "ab"); // a BOM inside the text
  }
  SUBCASE("decomposed letters are composed (NFC)") {
    // "Päivitetty" with a + U+0308 COMBINING DIAERESIS.
    CHECK(clean_text("Pa\xCC\x88ivitetty") == "Päivitetty");
    CHECK(clean_text("A\xCC\x8A" "land") == "Åland"); // A + ring above
    // The composition happens on every line, not only the first.
    CHECK(clean_text("ok\nHyrynsalmi, Ristija\xCC\x88rvi") == "ok\nHyrynsalmi, Ristijärvi");
  }
  SUBCASE("text that is already clean is unchanged") {
    std::string_view s = "Palvelu on maksuton.\n\nTausta ja lainsäädäntö\n  • Palvelu";
    CHECK(clean_text(s) == s);
  }
  SUBCASE("the result is valid UTF-8") {
    CHECK_FALSE(find_invalid_utf8(clean_text("\xEF\xBB\xBF" "A\xCC\x8A\r\n\xC2\xA0x")).has_value());
  }
}

TEST_CASE("text::fold") {
  SUBCASE("case, outer spaces and inner runs") {
    CHECK(fold("  ÅLAND ") == fold("åland"));
    CHECK(fold("  ÅLAND ") == "åland");
    CHECK(fold("Koko  maa") == "koko maa");
    CHECK(fold("Koko\xC2\xA0maa") == "koko maa");
  }
  SUBCASE("composed and decomposed forms share a key") {
    CHECK(fold("Ristija\xCC\x88rvi") == fold("Ristijärvi"));
  }
  SUBCASE("dashes are unified") {
    CHECK(fold("Etelä–Pohjanmaa") == fold("Etelä-Pohjanmaa")); // en dash
    CHECK(fold("Päijät‐Häme") == "päijät-häme");               // U+2010 hyphen
  }
  SUBCASE("outer punctuation is trimmed") {
    CHECK(fold("Kuopio.") == "kuopio");
    CHECK(fold("(Kajaani)") == "kajaani");
    CHECK(fold("Siirry suoraan sisältöön.") == "siirry suoraan sisältöön");
    CHECK(fold("Alue:") == "alue");
  }
  SUBCASE("inner punctuation is kept") {
    CHECK(fold("Kainuun sosiaali- ja terveydenhuollon kuntayhtymä") ==
          "kainuun sosiaali- ja terveydenhuollon kuntayhtymä");
    CHECK(fold("suomi.fi") == "suomi.fi");
  }
  SUBCASE("empty") { CHECK(fold("   ") == ""); }
}

TEST_CASE("text::fold_ascii") {
  CHECK(fold_ascii("Åland") == "aland");
  CHECK(fold_ascii("Ristijärvi") == "ristijarvi");
  CHECK(fold_ascii("PÄIJÄT-HÄME") == "paijat-hame");
  CHECK(fold_ascii("Ristijarvi") == fold_ascii("Ristijärvi"));
}

TEST_CASE("text::trim and collapse_spaces") {
  CHECK(trim("  Perhetyö \t\r\n") == "Perhetyö");
  CHECK(trim("") == "");
  CHECK(trim(" \n ") == "");
  CHECK(collapse_spaces("  Kainuun   sosiaali-\tja terveydenhuollon\n kuntayhtymä ") ==
        "Kainuun sosiaali- ja terveydenhuollon kuntayhtymä");
  CHECK(collapse_spaces("") == "");
}

TEST_CASE("text::split_trimmed") {
  SUBCASE("a list of municipalities") {
    auto parts = split_trimmed("Hyrynsalmi, Kajaani,Kuhmo ,  Paltamo", ',');
    CHECK(parts == std::vector<std::string_view>{"Hyrynsalmi", "Kajaani", "Kuhmo", "Paltamo"});
  }
  SUBCASE("empty pieces are dropped") {
    CHECK(split_trimmed(",,a,, ,b,", ',') == std::vector<std::string_view>{"a", "b"});
    CHECK(split_trimmed("", ',').empty());
  }
}

TEST_CASE("text::starts_with_icase") {
  CHECK(starts_with_icase("Palvelun kielisuomi", "palvelun kieli"));
  CHECK(starts_with_icase("ALUE Kuopio", "Alue"));
  CHECK_FALSE(starts_with_icase("Alu", "Alue"));
  CHECK_FALSE(starts_with_icase("Aluehallinto", "Palvelu"));
}

TEST_CASE("text::length_utf8") {
  CHECK(length_utf8("") == 0);
  CHECK(length_utf8("Perhetyö") == 8);
  CHECK(length_utf8("€\xF0\x9F\x98\x80") == 2);
}
