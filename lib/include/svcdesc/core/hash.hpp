#pragma once

#include <string>
#include <string_view>

namespace svcdesc::core {

// The SHA-256 digest of `data` as 64 lower-case hexadecimal digits.
std::string sha256_hex(std::string_view data);

// A name-based UUID, version 5 (RFC 9562: SHA-1 of the namespace UUID followed by the name),
// in its canonical lower-case 8-4-4-4-12 form. `namespace_uuid` must be a canonical UUID string.
std::string uuid_v5(std::string_view namespace_uuid, std::string_view name);

// The RFC 9562 namespace for names that are URLs.
inline constexpr std::string_view k_uuid_namespace_url = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

} // namespace svcdesc::core
