#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "harness/util/expected.h"
#include "harness/util/source_loc.h"

// VS Code's "JSON with comments": // and /* */ comments and trailing commas in objects and
// arrays, as launch.json allows. Parsed by hand so that every value keeps its position.
namespace launchjson {

// A parsed document and where each value starts, by JSON pointer ("/configurations/0/mode").
struct Document {
  nlohmann::json value;
  std::map<std::string, util::SourceLoc> positions;
  std::map<std::string, util::SourceLoc> key_positions;  // of object members' names

  // The position of the value at `pointer`, or the document start if unknown.
  util::SourceLoc where(const std::string& pointer) const;
  // The position of the member name of the value at `pointer`, else where(pointer).
  util::SourceLoc where_key(const std::string& pointer) const;
};

// Parses `text` (the content of `file`). Errors are InvalidScenario errors located at the
// offending character: "expected ',' or '}' after an object member", "unterminated string", ...
util::Expected<Document> parse_jsonc(std::string_view text, const std::string& file);

// Escapes one JSON pointer token ("~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view key);

}  // namespace launchjson
