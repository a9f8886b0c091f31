#include <svcdesc/core/hash.hpp>

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using svcdesc::core::k_uuid_namespace_url;
using svcdesc::core::sha256_hex;
using svcdesc::core::uuid_v5;

TEST_CASE("core::sha256_hex") {
  SUBCASE("the FIPS 180-2 test vectors") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  }
  SUBCASE("binary data with NUL bytes is hashed whole") {
    std::string a("a\0b", 3);
    std::string b("a\0c", 3);
    CHECK(sha256_hex(a) != sha256_hex(b));
    CHECK(sha256_hex(a).size() == 64);
  }
  SUBCASE("lower-case hexadecimal") {
    std::string h = sha256_hex("Perhetyö");
    CHECK(h.size() == 64);
    CHECK(h.find_first_not_of("0123456789abcdef") == std::string::npos);
  }
}

TEST_CASE("core::uuid_v5") {
  SUBCASE("Python's documented example: uuid5(NAMESPACE_DNS, 'python.org')") {
    CHECK(uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org") ==
          "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  }
  SUBCASE("the URL namespace") {
    CHECK(k_uuid_namespace_url == "6ba7b811-9dad-11d1-80b4-00c04fd430c8");
    // Python: uuid.uuid5(uuid.NAMESPACE_URL, "http://python.org/")
    CHECK(uuid_v5(k_uuid_namespace_url, "http://python.org/") ==
          "4c565f0d-3f5a-5890-b41b-20cf47701c5e");
  }
  SUBCASE("the canonical form: version 5, RFC variant, lower case") {
    std::string id = uuid_v5(k_uuid_namespace_url, "https://www.suomi.fi/palvelut/perhetyo");
    REQUIRE(id.size() == 36);
    CHECK(id[8] == '-');
    CHECK(id[13] == '-');
    CHECK(id[18] == '-');
    CHECK(id[23] == '-');
    CHECK(id[14] == '5');
    CHECK(std::string("89ab").find(id[19]) != std::string::npos);
    CHECK(id.find_first_not_of("0123456789abcdef-") == std::string::npos);
  }
  SUBCASE("stable and name-dependent") {
    CHECK(uuid_v5(k_uuid_namespace_url, "a") == uuid_v5(k_uuid_namespace_url, "a"));
    CHECK(uuid_v5(k_uuid_namespace_url, "a") != uuid_v5(k_uuid_namespace_url, "b"));
  }
  SUBCASE("an upper-case namespace is the same namespace") {
    CHECK(uuid_v5("6BA7B811-9DAD-11D1-80B4-00C04FD430C8", "http://python.org/") ==
          uuid_v5(k_uuid_namespace_url, "http://python.org/"));
  }
  SUBCASE("a namespace that is not a UUID is refused") {
    CHECK_THROWS_AS(uuid_v5("not-a-uuid", "x"), std::invalid_argument);
    CHECK_THROWS_AS(uuid_v5("6ba7b811-9dad-11d1-80b4-00c04fd430", "x"), std::invalid_argument);
    CHECK_THROWS_AS(uuid_v5("", "x"), std::invalid_argument);
  }
}
