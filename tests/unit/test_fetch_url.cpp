#include <svcdesc/fetch/url.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using svcdesc::fetch::host_key;
using svcdesc::fetch::normalize_url;
using svcdesc::fetch::path_and_query;
using svcdesc::fetch::resolve_url;

namespace {

// The normalized URL, or "error: <message>".
std::string norm(std::string_view url, bool allow_file = false) {
  auto result = normalize_url(url, allow_file);
  return result ? *result : "error: " + result.error().message;
}

// RFC 3986 5.4's base URI.
constexpr std::string_view k_base = "http://a/b/c/d;p?q";

std::string resolve(std::string_view reference, std::string_view base = k_base) {
  auto result = resolve_url(base, reference);
  return result ? *result : "error: " + result.error().message;
}

} // namespace

TEST_CASE("fetch::normalize_url") {
  SUBCASE("RFC 3986 6.2.2 and 6.2.3: case, percent-encoding, dot segments, ports") {
    CHECK(norm("HTTP://www.Example.COM/") == "http://www.example.com/");
    CHECK(norm("http://example.com") == "http://example.com/");
    CHECK(norm("http://example.com:80/") == "http://example.com/");
    CHECK(norm("https://example.com:443/a") == "https://example.com/a");
    CHECK(norm("http://example.com:443/a") == "http://example.com:443/a");
    CHECK(norm("https://example.com:8443/a") == "https://example.com:8443/a");
    CHECK(norm("http://example.com:/a") == "http://example.com/a");
    CHECK(norm("http://example.com:0080/a") == "http://example.com/a");
    CHECK(norm("http://example.com/%7Euser/%7esmith") == "http://example.com/~user/~smith");
    CHECK(norm("http://example.com/a%2fb%3a") == "http://example.com/a%2Fb%3A");
    CHECK(norm("http://example.com/%41%42c") == "http://example.com/ABc");
    CHECK(norm("http://example.com/a/./b/../c") == "http://example.com/a/c");
    CHECK(norm("http://example.com/a/b/..") == "http://example.com/a/");
    CHECK(norm("http://example.com/../../x") == "http://example.com/x");
    CHECK(norm("http://example.com/a/%2E%2E/b") == "http://example.com/b");
    CHECK(norm("http://example.com/a//b/") == "http://example.com/a//b/");
  }
  SUBCASE("the path is case-sensitive, the query is kept, the fragment dropped") {
    CHECK(norm("https://www.suomi.fi/palvelut/Asumistuki?Lang=FI&x=1#sisalto") ==
          "https://www.suomi.fi/palvelut/Asumistuki?Lang=FI&x=1");
    CHECK(norm("https://example.com/?") == "https://example.com/?");
    CHECK(norm("https://example.com?a=%3d") == "https://example.com/?a=%3D");
    CHECK(norm("https://example.com/#top") == "https://example.com/");
  }
  SUBCASE("what people paste: spaces around, Unicode, spaces and stray percent signs inside") {
    CHECK(norm("  https://example.com/a \n") == "https://example.com/a");
    CHECK(norm("https://www.hämeenlinna.fi/asuminen/") == "https://www.hämeenlinna.fi/asuminen/");
    CHECK(norm("https://WWW.HÄMEENLINNA.FI/") == "https://www.hämeenlinna.fi/");
    CHECK(norm("https://www.h%C3%A4meenlinna.fi/") == "https://www.hämeenlinna.fi/");
    CHECK(norm("https://example.fi/päivähoito") == "https://example.fi/p%C3%A4iv%C3%A4hoito");
    CHECK(norm("https://example.fi/p%c3%a4iv%C3%A4hoito") ==
          "https://example.fi/p%C3%A4iv%C3%A4hoito");
    CHECK(norm("https://example.fi/a b") == "https://example.fi/a%20b");
    CHECK(norm("https://example.fi/100%") == "https://example.fi/100%25");
    CHECK(norm("https://example.fi/{x}|y") == "https://example.fi/%7Bx%7D%7Cy");
  }
  SUBCASE("user info and IP addresses") {
    CHECK(norm("http://User@Example.com/") == "http://User@example.com/");
    CHECK(norm("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080/x");
    CHECK(norm("http://[::1]:8080/x") == "http://[::1]:8080/x");
    CHECK(norm("http://[2001:DB8::1]/") == "http://[2001:db8::1]/");
  }
  SUBCASE("file URLs only when allowed") {
    CHECK(norm("file:///tmp/a/../b.html", true) == "file:///tmp/b.html");
    CHECK(norm("file:/tmp/b.html", true) == "file:///tmp/b.html");
    CHECK(norm("file://localhost/tmp/b.html", true) == "file:///tmp/b.html");
    CHECK(norm("FILE:///tmp/b.html", true) == "file:///tmp/b.html");
    CHECK(norm("file:///tmp/b.html") == "error: scheme 'file' is not http or https");
    CHECK(norm("file://server/share/b.html", true) ==
          "error: file URL with host 'server' is not supported (write file:///path)");
  }
  SUBCASE("errors say what is wrong") {
    CHECK(norm("ftp://example.com/x") == "error: scheme 'ftp' is not http or https");
    CHECK(norm("FTP://example.com/x", true) == "error: scheme 'ftp' is not http, https or file");
    CHECK(norm("mailto:kirjaamo@example.fi") == "error: scheme 'mailto' is not http or https");
    CHECK(norm("http:///path") == "error: no host");
    CHECK(norm("http:example.com") == "error: no host");
    CHECK(norm("www.example.com/page") == "error: not a URL: it has no scheme (such as https://)");
    CHECK(norm("") == "error: not a URL: it is empty");
    CHECK(norm("   ") == "error: not a URL: it is empty");
    CHECK(norm("http://exa mple.com:x/") == "error: not a URL");
    CHECK(norm("https://example.com/a\tb") == "error: not a URL: it contains a control character");
    CHECK(norm(std::string_view("https://example.com/\0", 21)) ==
          "error: not a URL: it contains a control character");
    CHECK(norm("http://example.com:65536/") == "error: port 65536 is out of range");
    CHECK(norm("http://example.com:99999999999999999999/") ==
          "error: port 99999999999999999999 is out of range");
    CHECK(norm("http://example.com:65535/") == "http://example.com:65535/");
    CHECK(norm("https://example.com/" + std::string(9000, 'a')) ==
          "error: not a URL: it is longer than 8192 bytes");
  }
  SUBCASE("a normalized URL normalizes to itself") {
    for (std::string_view url :
         {"https://www.suomi.fi/palvelut/x?a=%3D&b", "http://[::1]:8080/", "https://example.fi/a%20b",
          "https://www.hämeenlinna.fi/", "https://example.fi/p%C3%A4iv%C3%A4hoito"}) {
      auto once = normalize_url(url);
      REQUIRE(once);
      CHECK(norm(*once) == *once);
    }
  }
}

TEST_CASE("fetch::resolve_url") {
  // Every normal and abnormal example of RFC 3986 5.4, normalized afterwards (so the empty path
  // of "http://g" becomes "/").
  SUBCASE("RFC 3986 5.4.1 normal examples") {
    CHECK(resolve("g") == "http://a/b/c/g");
    CHECK(resolve("./g") == "http://a/b/c/g");
    CHECK(resolve("g/") == "http://a/b/c/g/");
    CHECK(resolve("/g") == "http://a/g");
    CHECK(resolve("//g") == "http://g/");
    CHECK(resolve("?y") == "http://a/b/c/d;p?y");
    CHECK(resolve("g?y") == "http://a/b/c/g?y");
    CHECK(resolve("#s") == "http://a/b/c/d;p?q");
    CHECK(resolve("g#s") == "http://a/b/c/g");
    CHECK(resolve("g?y#s") == "http://a/b/c/g?y");
    CHECK(resolve(";x") == "http://a/b/c/;x");
    CHECK(resolve("g;x") == "http://a/b/c/g;x");
    CHECK(resolve("g;x?y#s") == "http://a/b/c/g;x?y");
    CHECK(resolve("") == "http://a/b/c/d;p?q");
    CHECK(resolve(".") == "http://a/b/c/");
    CHECK(resolve("./") == "http://a/b/c/");
    CHECK(resolve("..") == "http://a/b/");
    CHECK(resolve("../") == "http://a/b/");
    CHECK(resolve("../g") == "http://a/b/g");
    CHECK(resolve("../..") == "http://a/");
    CHECK(resolve("../../") == "http://a/");
    CHECK(resolve("../../g") == "http://a/g");
  }
  SUBCASE("RFC 3986 5.4.2 abnormal examples") {
    CHECK(resolve("../../../g") == "http://a/g");
    CHECK(resolve("../../../../g") == "http://a/g");
    CHECK(resolve("/./g") == "http://a/g");
    CHECK(resolve("/../g") == "http://a/g");
    CHECK(resolve("g.") == "http://a/b/c/g.");
    CHECK(resolve(".g") == "http://a/b/c/.g");
    CHECK(resolve("g..") == "http://a/b/c/g..");
    CHECK(resolve("..g") == "http://a/b/c/..g");
    CHECK(resolve("./../g") == "http://a/b/g");
    CHECK(resolve("./g/.") == "http://a/b/c/g/");
    CHECK(resolve("g/./h") == "http://a/b/c/g/h");
    CHECK(resolve("g/../h") == "http://a/b/c/h");
    CHECK(resolve("g;x=1/./y") == "http://a/b/c/g;x=1/y");
    CHECK(resolve("g;x=1/../y") == "http://a/b/c/y");
    CHECK(resolve("g?y/./x") == "http://a/b/c/g?y/./x");
    CHECK(resolve("g?y/../x") == "http://a/b/c/g?y/../x");
    CHECK(resolve("g#s/./x") == "http://a/b/c/g");
    CHECK(resolve("g#s/../x") == "http://a/b/c/g");
    CHECK(resolve("http:g") == "error: no host"); // strict parsers, as RFC 3986 recommends
  }
  SUBCASE("redirects and sitemap locations") {
    CHECK(resolve("https://www.Suomi.fi/x", "http://example.com/a") == "https://www.suomi.fi/x");
    CHECK(resolve("/palvelut?id=1", "https://www.suomi.fi:443/a/b") ==
          "https://www.suomi.fi/palvelut?id=1");
    CHECK(resolve(" /a b ", "https://example.fi/") == "https://example.fi/a%20b");
    CHECK(resolve("ftp://example.fi/x", "https://example.fi/") ==
          "error: scheme 'ftp' is not http or https");
    CHECK(resolve("/x", "not a base") == "error: not a URL: it has no scheme (such as https://)");
  }
}

TEST_CASE("fetch::host_key and fetch::path_and_query") {
  CHECK(host_key("https://www.suomi.fi/palvelut") == "www.suomi.fi");
  CHECK(host_key("http://127.0.0.1:8080/x?y") == "127.0.0.1:8080");
  CHECK(host_key("http://user@example.com:81/") == "example.com:81");
  CHECK(host_key("http://[::1]:8080/") == "[::1]:8080");
  CHECK(host_key("https://example.com?q") == "example.com");
  CHECK(host_key("file:///tmp/x") == "");
  CHECK(host_key("nonsense") == "");

  CHECK(path_and_query("https://www.suomi.fi/a/b?x=1") == "/a/b?x=1");
  CHECK(path_and_query("https://www.suomi.fi/") == "/");
  CHECK(path_and_query("https://www.suomi.fi") == "/");
  CHECK(path_and_query("https://www.suomi.fi?x") == "/?x");
  CHECK(path_and_query("https://www.suomi.fi/a#frag") == "/a");
  CHECK(path_and_query("file:///tmp/x.html") == "/tmp/x.html");
}
