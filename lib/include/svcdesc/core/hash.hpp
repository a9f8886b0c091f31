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

// True when `s` is a UUID in the 8-4-4-4-12 form, hexadecimal digits of either case.
bool is_uuid(std::string_view s);

// A stable UUID (version 5) for a thing that belongs to a record: `part` names it ("service",
// "service_area:049", ...). The same record id and part give the same UUID in every run.
std::string derived_uuid(std::string_view record_id, std::string_view part);

// The UUID that stands for a record in the open standards (the HSDS service id, and the resource
// id of `diff -f hsds-metadata` rows): the record id when it is a UUID (svcdesc ids are),
// otherwise derived from it.
std::string record_uuid(std::string_view record_id);

} // namespace svcdesc::core
