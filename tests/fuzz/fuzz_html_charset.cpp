// The HTML reader's charset handling: the first byte picks the charset an HTTP Content-Type
// would have given (none, the common ones, names browsers map elsewhere, and nonsense), the rest
// is the page. html::render runs on its own first, then the whole reader.

#include "fuzz_common.hpp"

#include <svcdesc/html/html.hpp>
#include <svcdesc/parse/parse.hpp>

#include <algorithm>
#include <array>

using namespace svcdesc;

namespace {

constexpr std::array<const char*, 16> k_charsets{
    nullptr,       "utf-8",     "windows-1252", "iso-8859-1", "iso-8859-15", "UTF8",
    "utf-16le",    "utf-16",    "koi8-r",       "shift_jis",  "gb18030",     "iso-2022-jp",
    "x-user-defined", "big5",   "latin1",       "no-such-charset"};

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::load_shared_tables();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0)
    return 0;
  std::string_view page = fuzz::as_text(data + 1, size - 1);
  html::RenderOptions render_options;
  if (const char* charset = k_charsets[data[0] % k_charsets.size()])
    render_options.http_charset = charset;
  render_options.cut_boilerplate = (data[0] & 0x80) == 0;
  Result<html::Page> rendered = html::render(page, render_options);
  if (rendered.has_value())
    SVCDESC_FUZZ_CHECK(rendered->source_lines.size() <=
                       static_cast<size_t>(std::count(rendered->text.begin(),
                                                      rendered->text.end(), '\n')) + 1);

  parse::Options options;
  options.input_format = parse::InputFormat::html;
  options.http_charset = render_options.http_charset;
  parse::parse_input("fuzz.html", page, options, [](Result<record::Record>) {});
  return 0;
}
