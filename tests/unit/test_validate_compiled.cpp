// The compiled form of the record schema that lets `validate` skip valijson for valid records.
// It must never accept what valijson rejects: checked on the JSON-Schema-Test-Suite for each
// keyword it compiles, and on thousands of mutations of sample records.
#include "helpers.hpp"

#include "record/rapidjson.hpp"
#include "validate/compiled_schema.hpp"
#include "validate/embedded_schema.hpp"

#include <rapidjson/pointer.h>

#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using svcdesc::validate::CompiledSchema;
using svcdesc::validate::Pattern;

namespace {

rapidjson::Document parse(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

bool valijson_accepts(const valijson::Schema& schema, const rapidjson::Value& v) {
  valijson::Validator validator;
  return validator.validate(schema, valijson::adapters::RapidJsonAdapter(v), nullptr);
}

// The built-in schema without its `format`s, as the validator loads it.
rapidjson::Document record_schema() {
  rapidjson::Document doc = parse(svcdesc::validate::embedded::record_schema_json);
  std::vector<rapidjson::Value*> stack{&doc};
  while (!stack.empty()) {
    rapidjson::Value* v = stack.back();
    stack.pop_back();
    if (v->IsObject()) {
      // The keyword, not a property named "format" (source.format).
      if (auto f = v->FindMember("format"); f != v->MemberEnd() && f->value.IsString())
        v->RemoveMember(f);
      for (auto& m : v->GetObject())
        stack.push_back(&m.value);
    } else if (v->IsArray()) {
      for (auto& e : v->GetArray())
        stack.push_back(&e);
    }
  }
  return doc;
}

} // namespace

TEST_CASE("pattern: the patterns of the record schema") {
  struct Case {
    const char* pattern;
    const char* text;
    bool match;
  };
  const Case cases[] = {
      {"^[0-9]{3}$", "091", true},
      {"^[0-9]{3}$", "91", false},
      {"^[0-9]{3}$", "0911", false},
      {"^[0-9]{7}-[0-9]$", "0171450-7", true},
      {"^[0-9]{7}-[0-9]$", "171450-7", false},
      {"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
       "1d039710-673b-5d93-b097-fa30816b5141", true},
      {"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
       "1D039710-673b-5d93-b097-fa30816b5141", false},
      {"^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$", "https://www.suomi.fi/palvelut/x", true},
      {"^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$", "https://www.suomi.fi/a b", false},
      {"^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$", "https://esimerkki.fi/päivä", true},
      {"^[^@\\s]+@[^@\\s]+$", "etunimi.sukunimi@stm.fi", true},
      {"^[^@\\s]+@[^@\\s]+$", "a@b@c", false},
      {"^[^@\\s]+@[^@\\s]+$", "kirjaamo@ä.fi", true},
      {"^[a-z0-9]+(-[a-z0-9]+)*$", "area-code-unknown", true},
      {"^[a-z0-9]+(-[a-z0-9]+)*$", "area--code", false},
      {"^[a-z0-9]+(-[a-z0-9]+)*$", "area-", false},
      {"^[a-z]+(_[a-z]+)*$", "wellbeing_services_county", true},
      {"^[a-z]{2,3}(-[a-z]{2})?$", "sgn-fi", true},
      {"^[a-z]{2,3}(-[a-z]{2})?$", "smn", true},
      {"^[a-z]{2,3}(-[a-z]{2})?$", "f", false},
      {"^[a-z]{2,3}(-[a-z]{2})?$", "fi-", false},
      {"^\\+[1-9][0-9]{6,14}$", "+358295163000", true},
      {"^\\+[1-9][0-9]{6,14}$", "+0358295163000", false},
      {"^\\+[1-9][0-9]{6,14}$", "+3581234567890123", false},
      {"^\\d{4}-\\d{2}-\\d{2}$", "2020-07-31", true},
      {"^\\d{4}-\\d{2}-\\d{2}$", "2020-7-31", false},
      // Unanchored patterns search; '.' and classes count code points, not bytes.
      {"kk", "Kuukausimaksu kk", true},
      {"^.{3}$", "äöå", true},
      {"^[^a]{2}$", "ää", true},
      {"a*b", "aaac", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.pattern);
    CAPTURE(c.text);
    auto p = Pattern::compile(c.pattern);
    REQUIRE(p);
    CHECK(p->search(c.text) == c.match);
  }
}

TEST_CASE("pattern: what it does not compile is refused, not guessed") {
  for (const char* unsupported : {"a|b", "(?=a)", "a{2", "[a", "(a", "a)", "\\1", "a+?", "*a"})
    CHECK_FALSE(Pattern::compile(unsupported));
}

TEST_CASE("pattern: a long subject neither recurses deeply nor runs away") {
  auto p = Pattern::compile("^[a-z0-9]+(-[a-z0-9]+)*$");
  REQUIRE(p);
  std::string slug;
  for (int i = 0; i < 20000; ++i)
    slug += "ab-";
  slug += "c";
  CHECK(p->search(slug));
  std::string url = "https://x/" + std::string(1 << 20, 'a');
  auto u = Pattern::compile("^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$");
  REQUIRE(u);
  CHECK(u->search(url));
  CHECK_FALSE(u->search(url + " "));
}

TEST_CASE("compiled schema: the record schema compiles") {
  rapidjson::Document schema = record_schema();
  CHECK(CompiledSchema::compile(schema));
}

// The JSON-Schema-Test-Suite, for every keyword the compiled form knows. A group whose schema
// does not compile (the tuple form of items, remote refs) is left to valijson, which the
// validator then uses; that is allowed, a wrong answer is not.
TEST_CASE("compiled schema: the draft-07 test suite for the keywords it compiles") {
  const fs::path suite = "/usr/share/json-schema-test-suite/tests/draft7";
  REQUIRE_MESSAGE(fs::is_directory(suite), "install the Debian package json-schema-test-suite");
  int ran = 0, groups_compiled = 0, groups = 0;
  for (const char* file :
       {"type.json", "required.json", "enum.json", "const.json", "pattern.json", "properties.json",
        "items.json", "minimum.json", "minLength.json", "ref.json", "definitions.json",
        "oneOf.json", "allOf.json", "if-then-else.json", "additionalProperties.json",
        "boolean_schema.json"}) {
    rapidjson::Document doc = parse(svcdesc::test::read_source_file_abs((suite / file).string()));
    for (const rapidjson::Value& group : doc.GetArray()) {
      ++groups;
      auto compiled = CompiledSchema::compile(group["schema"]);
      if (!compiled)
        continue;
      ++groups_compiled;
      INFO(file << ": " << group["description"].GetString());
      for (const rapidjson::Value& test : group["tests"].GetArray()) {
        INFO(test["description"].GetString());
        CHECK(compiled->accepts(test["data"]) == test["valid"].GetBool());
        ++ran;
      }
    }
  }
  MESSAGE(ran << " suite tests ran; " << groups_compiled << " of " << groups << " groups compiled");
  // 52 of the 70 groups compile; the others use the tuple form of items, remote or relative
  // $refs, or $ref beside other keywords in ways the record schema never does.
  CHECK(ran >= 180);
  CHECK(groups_compiled >= 50);
}

// Every sample record, and every mutation of every field of three of them (removed, null, a
// number, a short string, an empty string, an empty array, an empty object, an extra member),
// judged by both: the compiled form must agree with valijson on each.
TEST_CASE("compiled schema: agrees with valijson on mutations of the sample records") {
  rapidjson::Document schema_doc = record_schema();
  auto compiled = CompiledSchema::compile(schema_doc);
  REQUIRE(compiled);
  valijson::Schema schema;
  valijson::SchemaParser(valijson::SchemaParser::kDraft7)
      .populateSchema(valijson::adapters::RapidJsonAdapter(schema_doc), schema);

  int judged = 0, accepted = 0;
  auto judge = [&](const rapidjson::Value& v, const std::string& what) {
    bool fast = compiled->accepts(v);
    bool slow = valijson_accepts(schema, v);
    INFO(what);
    CHECK(fast == slow);
    ++judged;
    accepted += fast ? 1 : 0;
  };

  // Every sample record is judged as it is; three records of different shapes (a suomi.fi
  // service, a ministry text, a PTV service with all organisation roles) are mutated. All of
  // them would take minutes under the sanitizers, for little more.
  const std::vector<std::string> mutated = {"suomifi-fi-perhetyo.ndjson",
                                            "stm-perhekeskukset.ndjson",
                                            "ptv-array-limited-roles.ndjson"};
  for (const auto& entry : fs::directory_iterator(svcdesc::test::source_path("samples"))) {
    if (entry.path().extension() != ".ndjson")
      continue;
    const bool mutate = std::find(mutated.begin(), mutated.end(),
                                  entry.path().filename().string()) != mutated.end();
    std::istringstream lines(svcdesc::test::read_source_file_abs(entry.path().string()));
    std::string line;
    while (std::getline(lines, line)) {
      if (line.empty())
        continue;
      rapidjson::Document record = parse(line);
      judge(record, entry.path().filename().string());
      if (!mutate)
        continue;
      // Every member of every object in the record, by its path.
      std::vector<std::string> paths;
      std::vector<std::pair<std::string, const rapidjson::Value*>> stack{{"", &record}};
      while (!stack.empty()) {
        auto [path, v] = stack.back();
        stack.pop_back();
        if (v->IsObject())
          for (const auto& m : v->GetObject()) {
            std::string child = path + "/" + m.name.GetString();
            paths.push_back(child);
            stack.emplace_back(child, &m.value);
          }
        else if (v->IsArray())
          for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
            std::string child = path + "/" + std::to_string(i);
            paths.push_back(child);
            stack.emplace_back(child, &(*v)[i]);
          }
      }
      paths.push_back("");
      for (const std::string& path : paths) {
        for (int mutation = 0; mutation < 8; ++mutation) {
          rapidjson::Document copy;
          copy.CopyFrom(record, copy.GetAllocator());
          rapidjson::Value* target = rapidjson::Pointer(path.c_str()).Get(copy);
          REQUIRE(target != nullptr);
          auto& a = copy.GetAllocator();
          switch (mutation) {
          case 0:
            target->SetNull();
            break;
          case 1:
            target->SetInt(-7);
            break;
          case 2:
            target->SetString("x", a);
            break;
          case 3:
            target->SetString("", a);
            break;
          case 4:
            target->SetArray();
            break;
          case 5:
            target->SetObject();
            break;
          case 6:
            if (target->IsObject())
              target->AddMember("unexpected", 1, a);
            else
              target->SetDouble(2.5);
            break;
          default:
            if (path.empty())
              continue;
            rapidjson::Pointer(path.c_str()).Erase(copy);
          }
          judge(copy, entry.path().filename().string() + " " + path + " mutation " +
                          std::to_string(mutation));
        }
      }
    }
  }
  MESSAGE(judged << " records judged, " << accepted << " accepted");
  CHECK(judged > 2000);
  CHECK(accepted > 200);
}
