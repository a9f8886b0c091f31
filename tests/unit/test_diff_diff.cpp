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

  SUBCASE("a stray '}' in an array is an element, not an endless run of empty ones") {
    // Found by fuzzing (tests/fuzz/regressions/record/): "[}]" made validate loop forever.
    auto s = record::RecordStream::open(temp_file("stray.json", "[}, {\"a\":1} }]"));
    REQUIRE(s);
    std::vector<std::string> elements;
    while (auto next = s->next()) {
      REQUIRE(*next);
      elements.push_back((*next)->json);
      REQUIRE(elements.size() < 10);
    }
    CHECK(elements == std::vector<std::string>{"}", "{\"a\":1} }"});
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
  SUBCASE("brackets in strings, after escaped quotes and backslashes, are not nesting") {
    std::string text = rec("1", R"("title":"a\")" + std::string(150, '[') + R"(b\\","note":")" +
                                    std::string(150, '{') + "\"");
    diff::Diff d = run(text + "\n", text + "\n");
    CHECK(d.problems.empty());
    CHECK(d.summary.unchanged == 1);
    diff::Diff deep = run(rec("1", R"("x":)" + std::string(150, '[')) + "\n", text + "\n");
    REQUIRE(deep.problems.size() == 1);
    CHECK(deep.problems[0].message.find("nested deeper than 100") != std::string::npos);
  }
  SUBCASE("a record without its key") {
    diff::Diff d = run(R"({"title":"x"})" "\n", a + "\n");
    REQUIRE(d.problems.size() == 1);
    CHECK(d.problems[0].message == "the record has no key field 'id'");
  }
}

TEST_CASE("diff::compare with a memory limit (external sort)") {
  // 500 records a side, 6 % changed, removed or added; with 256 bytes (4 entries a side) each
  // table goes to disk in over a hundred runs.
  std::string old_text;
  std::string new_text;
  for (int i = 0; i < 500; ++i) {
    std::string id = std::to_string(i * 7919 % 1000);
    if (i % 50 != 1)
      old_text += rec(id, R"("title":"T)" + id + "\"") + "\n";
    if (i % 50 != 2)
      new_text += rec(id, R"("title":"T)" + id + (i % 50 == 3 ? "x" : "") + "\"") + "\n";
  }
  diff::Options limited;
  limited.memory_limit = 256;
  limited.temp_dir = std::filesystem::temp_directory_path().string();

  auto same = [](const diff::Diff& x, const diff::Diff& y) {
    CHECK(x.summary.added == y.summary.added);
    CHECK(x.summary.removed == y.summary.removed);
    CHECK(x.summary.changed == y.summary.changed);
    CHECK(x.summary.unchanged == y.summary.unchanged);
    REQUIRE(x.changes.size() == y.changes.size());
    for (size_t i = 0; i < x.changes.size(); ++i) {
      CHECK(x.changes[i].key == y.changes[i].key);
      CHECK(x.changes[i].old_line == y.changes[i].old_line);
      CHECK(x.changes[i].new_line == y.changes[i].new_line);
    }
    REQUIRE(x.problems.size() == y.problems.size());
    for (size_t i = 0; i < x.problems.size(); ++i) {
      CHECK(x.problems[i].line == y.problems[i].line);
      CHECK(x.problems[i].message == y.problems[i].message);
    }
  };
  SUBCASE("the same changes as in memory") {
    diff::Diff in_memory = run(old_text, new_text);
    diff::Diff on_disk = run(old_text, new_text, limited);
    CHECK(in_memory.summary.changed == 10);
    CHECK(in_memory.summary.removed == 10);
    CHECK(in_memory.summary.added == 10);
    same(in_memory, on_disk);
  }
  SUBCASE("the same duplicate keys, in the same order") {
    std::string dup = old_text + rec("7", "") + "\n" + rec("0", "") + "\n" + rec("7", "") + "\n";
    diff::Diff in_memory = run(dup, new_text);
    CHECK(in_memory.problems.size() == 2);
    same(in_memory, run(dup, new_text, limited));
  }
  SUBCASE("a temporary directory that does not exist") {
    limited.temp_dir = "/nonexistent/svcdesc";
    diff::Diff d = run(old_text, new_text, limited);
    REQUIRE(d.problems.size() == 1);
    CHECK(d.problems[0].source == "svcdesc");
    CHECK(d.problems[0].message.find("cannot create a temporary file in /nonexistent/svcdesc") == 0);
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
