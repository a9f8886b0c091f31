#include <svcdesc/core/hash.hpp>

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <new>
#include <stdexcept>

namespace svcdesc::core {
namespace {

constexpr char k_hex[] = "0123456789abcdef";

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

// Runs one EVP digest over the given pieces; OpenSSL is wrapped here and nowhere else. The
// context is kept per thread: setting one up costs more than hashing a small page.
template <size_t N>
std::array<unsigned char, N> digest(const EVP_MD* md, std::initializer_list<std::string_view> parts) {
  struct Context {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Context holder;
  EVP_MD_CTX* ctx = holder.ctx;
  if (ctx == nullptr)
    throw std::bad_alloc();
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int length = 0;
  bool ok = EVP_DigestInit_ex(ctx, md, nullptr) == 1;
  for (std::string_view part : parts)
    ok = ok && EVP_DigestUpdate(ctx, part.data(), part.size()) == 1;
  ok = ok && EVP_DigestFinal_ex(ctx, out.data(), &length) == 1;
  if (!ok || length < N)
    throw std::runtime_error("OpenSSL digest failed");
  std::array<unsigned char, N> result{};
  std::copy_n(out.begin(), N, result.begin());
  return result;
}

} // namespace

std::string sha256_hex(std::string_view data) {
  // Fetched once: looking the algorithm up costs more than hashing a small page.
  static EVP_MD* const k_sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  auto bytes = digest<32>(k_sha256 != nullptr ? k_sha256 : EVP_sha256(), {data});
  std::string hex;
  hex.reserve(64);
  for (unsigned char b : bytes) {
    hex += k_hex[b >> 4];
    hex += k_hex[b & 0x0f];
  }
  return hex;
}

std::string uuid_v5(std::string_view namespace_uuid, std::string_view name) {
  if (namespace_uuid.size() != 36 || namespace_uuid[8] != '-' || namespace_uuid[13] != '-' ||
      namespace_uuid[18] != '-' || namespace_uuid[23] != '-')
    throw std::invalid_argument("bad namespace UUID");
  std::string ns_bytes;
  for (size_t i = 0; i + 1 < namespace_uuid.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23)
      continue;
    int hi = hex_value(namespace_uuid[i]);
    int lo = hex_value(namespace_uuid[i + 1]);
    if (hi < 0 || lo < 0)
      throw std::invalid_argument("bad namespace UUID");
    ns_bytes += static_cast<char>(hi * 16 + lo);
    ++i;
  }
  if (ns_bytes.size() != 16)
    throw std::invalid_argument("bad namespace UUID");

  static EVP_MD* const k_sha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
  auto hash = digest<16>(k_sha1 != nullptr ? k_sha1 : EVP_sha1(), {ns_bytes, name});
  hash[6] = static_cast<unsigned char>((hash[6] & 0x0f) | 0x50);
  hash[8] = static_cast<unsigned char>((hash[8] & 0x3f) | 0x80);
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < hash.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10)
      out += '-';
    out += k_hex[hash[i] >> 4];
    out += k_hex[hash[i] & 0x0f];
  }
  return out;
}

bool is_uuid(std::string_view s) {
  if (s.size() != 36)
    return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (dash ? c != '-' : !hex)
      return false;
  }
  return true;
}

std::string derived_uuid(std::string_view record_id, std::string_view part) {
  std::string name = "urn:svcdesc:";
  name += record_id;
  name += ':';
  name += part;
  return uuid_v5(k_uuid_namespace_url, name);
}

std::string record_uuid(std::string_view record_id) {
  return is_uuid(record_id) ? std::string(record_id) : derived_uuid(record_id, "service");
}

} // namespace svcdesc::core
