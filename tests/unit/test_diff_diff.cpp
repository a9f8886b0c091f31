#include <svcdesc/diff/diff.hpp>
#include <svcdesc/record/stream.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {

using namespace svcdesc;

// A file in a fresh temporary directory holding `text`.
std::string temp_file(const std::string& name, const std::string& text) {
  static const std::filesystem::path dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "svcdesc-diff-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    return std::filesystem::path(tmpl);
  }();
  std::filesystem::path p = dir / name;
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

std::string rec(const std::string& id, const std::string& rest) {
  return R"({"schema_version":1,"id":")" + id + R"(","lang":"fi")" + (rest.empty() ? "" : ",") +
         rest + "}";
}

diff::Diff run(const std::string& old_text, const std::string& new_text,
               diff::Options options = {}) {
  return diff::compare({temp_file("old", old_text), "old"}, {temp_file("new", new_text), "new"},
                       options);
}

} // namespace

TEST_CASE("record::RecordStream offsets and read_at") {
  std::string text = "{\"a\":1}\n\n  {\"b\":2}\r\n{\"c\":3}";
  std::string path = temp_file("stream.ndjson", text);
  auto stream = record::RecordStream::open(path);
  REQUIRE(stream);
  std::vector<record::RecordText> seen;
  while (auto next = stream->next()) {
    REQUIRE(*next);
    seen.push_back(**next);
  }
  REQUIRE(seen.size() == 3);
  for (const auto& r : seen) {
    auto again = stream->read_at(r.offset, r.json.size());
    REQUIRE(again);
    CHECK(*again == r.json);
  }
  CHECK(seen[1].line == 3);

  SUBCASE("JSON array") {
    std::string array = "[\n  {\"a\": [1, 2]},\n  {\"b\": \"]\"}\n]\n";
    auto s = record::RecordStream::open(temp_file("stream.json", array));
    REQUIRE(s);
    int n = 0;
    while (auto next = s->next()) {
      REQUIRE(*next);
      CHECK(array.substr((*next)->offset, (*next)->json.size()) == (*next)->json);
      ++n;
    }
    CHECK(n == 2);
  }
}

TEST_CASE("diff::compare") {
  std::string a = rec("1", R"("title":"Perhetyö","languages":["fi","sv"],"updated":"2024-01-01")");
  std::string b = rec("2", R"("title":"Kotipalvelu","updated":"2023-05-05")");

  SUBCASE("identical sets are the same") {
    diff::Diff d = run(a + "\n" + b + "\n", b + "\n" + a + "\n");
    CHECK(d.problems.empty());
    CHECK_FALSE(d.different());
    CHECK(d.summary.unchanged == 2);
  }
  SUBCASE("reordered sets, whitespace, NFD and volatile fields are not changes") {
    std::string a2 = rec("1", "\"updated\":\"2024-01-01\",\"languages\":[\"sv\",\"fi\"],"
                              "\"title\":\"  Perhety\xC3\xB6 \",\"source\":{\"fetched_at\":\"x\"}");
    std::string a3 = rec("1", "\"title\":\"Perhetyo\xCC\x88\",\"languages\":[\"fi\",\"sv\"],"
                              "\"updated\":\"2024-01-01\",\"funding\":null");
    CHECK_FALSE(run(a + "\n", a2 + "\n").different());
    CHECK_FALSE(run(a + "\n", a3 + "\n").different());
  }
  SUBCASE("added, removed and changed records, field by field") {
    std::string a2 = rec("1", R"("title":"Perhetyö ja kotipalvelu","languages":["fi"],"updated":"2024-01-01")");
    std::string c = rec("3", R"("title":"Uusi")");
    diff::Diff d = run(a + "\n" + b + "\n", a2 + "\n" + c + "\n");
    REQUIRE(d.problems.empty());
    CHECK(d.summary.added == 1);
    CHECK(d.summary.removed == 1);
    CHECK(d.summary.changed == 1);
    REQUIRE(d.changes.size() == 3);
    const diff::Change& changed = d.changes[0];
    CHECK(changed.kind == diff::ChangeKind::changed);
    REQUIRE(changed.fields.size() == 2);
    CHECK(changed.fields[0].path == "title");
    CHECK(changed.fields[0].old_value == "\"Perhetyö\"");
    CHECK(changed.fields[1].path == "languages");
    REQUIRE(changed.flags.size() == 1);
    CHECK(changed.flags[0] == diff::Flag::updated_not_moved);
    CHECK(d.changes[1].kind == diff::ChangeKind::removed);
    CHECK(d.changes[2].kind == diff::ChangeKind::added);
  }
  SUBCASE("updated moved alone") {
    std::string a2 = rec("1", R"("title":"Perhetyö","languages":["fi","sv"],"updated":"2025-01-01")");
    diff::Diff d = run(a + "\n", a2 + "\n");
    REQUIRE(d.changes.size() == 1);
    REQUIRE(d.changes[0].flags.size() == 1);
    CHECK(d.changes[0].flags[0] == diff::Flag::updated_moved_alone);
  }
  SUBCASE("--ignore") {
    std::string a2 = rec("1", R"("title":"Muu","languages":["fi","sv"],"updated":"2024-01-01")");
    diff::Options o;
    o.ignore = {"title"};
    CHECK_FALSE(run(a + "\n", a2 + "\n", o).different());
  }
  SUBCASE("sections are matched by kind") {
    std::string s1 = rec("1", R"("sections":[{"kind":"description","text":"A"},{"kind":"conditions","text":"B"}])");
    std::string s2 = rec("1", R"("sections":[{"kind":"conditions","text":"C"},{"kind":"description","text":"A"}])");
    diff::Diff d = run(s1 + "\n", s2 + "\n");
    REQUIRE(d.changes.size() == 1);
    REQUIRE(d.changes[0].fields.size() == 1);
    CHECK(d.changes[0].fields[0].path == "sections[kind=conditions].text");
    CHECK(d.changes[0].fields[0].pointer == "/sections/1/text");
  }
  SUBCASE("duplicate keys name both lines") {
    diff::Diff d = run(a + "\n" + b + "\n" + a + "\n", a + "\n");
    REQUIRE(d.problems.size() == 1);
    CHECK(d.problems[0].line == 3);
    CHECK(d.problems[0].message.find("line 1") != std::string::npos);
  }
  SUBCASE("a record without its key") {
    diff::Diff d = run(R"({"title":"x"})" "\n", a + "\n");
    REQUIRE(d.problems.size() == 1);
    CHECK(d.problems[0].message == "the record has no key field 'id'");
  }
}

TEST_CASE("diff::render") {
  std::string a = rec("1", R"("title":"A")");
  std::string b = rec("1", R"("title":"B")");
  diff::Diff d = run(a + "\n", b + "\n");
  diff::RenderOptions r{"old", "new", false, "2026-11-23"};
  CHECK(diff::render(d, diff::Format::patch, r) ==
        "{\"key\":{\"id\":\"1\",\"lang\":\"fi\"},\"change\":\"changed\",\"patch\":[{\"op\":"
        "\"replace\",\"path\":\"/title\",\"value\":\"B\"}]}\n");
  CHECK(diff::render_stat(d, diff::Format::text, r) ==
        "1 old, 1 new: 0 added, 0 removed, 1 changed, 0 unchanged; 0 updated-not-moved, 0 "
        "updated-moved-alone\n");
  std::string rows = diff::render(d, diff::Format::hsds_metadata, r);
  CHECK(rows.find("\"field_name\":\"title@fi\",\"previous_value\":\"A\",\"replacement_value\":\"B\"") !=
        std::string::npos);
}
