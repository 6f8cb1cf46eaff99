#include <algorithm>

#include "harness/scenario/readers.h"
#include "harness/util/strings.h"

namespace scenario {
namespace {

const std::vector<std::string>& step_keywords() {
  static const std::vector<std::string> keywords = {
      "continue",         "next",     "step_in",       "step_out",    "expect_stop",
      "expect_variables", "evaluate", "expect_output", "expect_exit", "reconnect"};
  return keywords;
}

bool is_keyword(const std::string& key) {
  const auto& keywords = step_keywords();
  return std::find(keywords.begin(), keywords.end(), key) != keywords.end();
}

// Where a "missing key" of a step body points: the body, or the keyword when it has none.
SourceLoc body_loc(Reader& reader, const Entry& body) {
  return body.value.IsNull() ? reader.key_loc(body) : reader.value_loc(body);
}

std::optional<StepKind> read_stop(Reader& reader, const Entry& body) {
  static const std::vector<std::string> keys = {"reason",   "at",   "description", "text",
                                                "function", "file", "line"};
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  ExpectStop stop;
  for (const auto& pair : *pairs) {
    if (pair.key == "at") {
      stop.at = reader.string(pair);
      stop.at_loc = reader.value_loc(pair);
      continue;
    }
    auto matcher = reader.matcher(pair);
    if (pair.key == "reason") stop.reason = std::move(matcher);
    if (pair.key == "description") stop.description = std::move(matcher);
    if (pair.key == "text") stop.text = std::move(matcher);
    if (pair.key == "function") stop.function = std::move(matcher);
    if (pair.key == "file") stop.file = std::move(matcher);
    if (pair.key == "line") stop.line = std::move(matcher);
  }
  return stop;
}

std::optional<StepKind> read_variables(Reader& reader, const Entry& body) {
  static const std::vector<std::string> keys = {"scope", "frame", "vars"};
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  ExpectVariables expect;
  for (const auto& pair : *pairs) {
    if (pair.key == "scope") {
      if (auto scope = reader.string(pair)) expect.scope = *scope;
    } else if (pair.key == "frame") {
      if (auto frame = reader.integer(pair, 0)) expect.frame = *frame;
    } else if (auto vars = reader.map_value(pair, nullptr)) {
      for (const auto& var : *vars)
        if (auto read = read_variable(reader, var)) expect.vars.push_back(std::move(*read));
    }
  }
  return expect;
}

// Reads `expect:` of an evaluate step: {result, type} or {error}.
void read_evaluate_expect(Reader& reader, const Entry& entry, Evaluate& evaluate) {
  static const std::vector<std::string> keys = {"result", "type", "error"};
  auto pairs = reader.map_value(entry, &keys);
  if (!pairs) return;
  const Entry* first_value_key = nullptr;  // the first of result/type
  bool has_error = false;
  for (const auto& pair : *pairs) {
    if (pair.key == "error") {
      has_error = true;
    } else if (!first_value_key) {
      first_value_key = &pair;
    }
    if (has_error && first_value_key) {
      reader.error(reader.key_loc(pair), "'expect' holds either 'error' or 'result'/'type', not '" +
                                             first_value_key->key + "' and 'error'");
      return;
    }
    auto matcher = reader.matcher(pair);
    if (pair.key == "result") evaluate.result = std::move(matcher);
    if (pair.key == "type") evaluate.type = std::move(matcher);
    if (pair.key == "error") evaluate.error = std::move(matcher);
  }
}

std::optional<StepKind> read_evaluate(Reader& reader, const Entry& body, const Entry* expect) {
  static const std::vector<std::string> keys = {"expr", "context", "frame"};
  static const std::vector<std::string> contexts = {"watch", "repl", "hover", "clipboard"};
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  Evaluate evaluate;
  bool has_expr = false;
  for (const auto& pair : *pairs) {
    if (pair.key == "expr") {
      has_expr = true;
      if (auto expr = reader.string(pair)) evaluate.expr = *expr;
    } else if (pair.key == "context") {
      if (auto context = reader.choice(pair, contexts, "context")) evaluate.context = *context;
    } else if (auto frame = reader.integer(pair, 0)) {
      evaluate.frame = *frame;
    }
  }
  if (!has_expr) reader.missing(body_loc(reader, body), "expr", "'evaluate'");
  if (expect) read_evaluate_expect(reader, *expect, evaluate);
  return evaluate;
}

std::optional<StepKind> read_output(Reader& reader, const Entry& body) {
  static const std::vector<std::string> categories = {"stdout", "stderr", "console", "any"};
  const auto& ops = match::Matcher::op_names();
  std::vector<std::string> keys = ops;
  keys.insert(keys.begin(), "category");
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  std::string category = "stdout";
  const Entry* op = nullptr;
  bool ok = pairs->size() == (body.value.IsMap() ? body.value.size() : 0);
  for (const auto& pair : *pairs) {
    if (pair.key == "category") {
      auto chosen = reader.choice(pair, categories, "category");
      if (chosen) category = *chosen;
      ok = ok && chosen;
    } else if (op) {
      reader.error(reader.key_loc(pair), "'expect_output' takes exactly one operator, got '" +
                                             op->key + "' and '" + pair.key + "'");
      ok = false;
    } else {
      op = &pair;
    }
  }
  if (!op) {
    if (ok)
      reader.error(body_loc(reader, body),
                   "'expect_output' needs one operator (" + util::join(ops, ", ") + ")");
    return std::nullopt;
  }
  auto text = reader.operator_matcher(*op);
  if (!ok || !text) return std::nullopt;
  return ExpectOutput{category, std::move(*text)};
}

std::optional<StepKind> read_exit(Reader& reader, const Entry& body) {
  static const std::vector<std::string> keys = {"code"};
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  if (pairs->empty()) {
    if (!body.value.IsMap() || body.value.size() == 0)
      reader.missing(body_loc(reader, body), "code", "'expect_exit'");
    return std::nullopt;
  }
  auto code = reader.matcher(pairs->front());
  if (!code) return std::nullopt;
  return ExpectExit{std::move(*code)};
}

// Steps without arguments: `continue: {}` (or an empty value).
template <class Kind>
std::optional<StepKind> read_plain(Reader& reader, const Entry& body) {
  static const std::vector<std::string> no_keys;
  auto pairs = reader.map_value(body, &no_keys);
  if (!pairs || (body.value.IsMap() && body.value.size() != 0)) return std::nullopt;
  return Kind{};
}

std::optional<StepKind> read_body(Reader& reader, const Entry& body, const Entry* expect) {
  const std::string& k = body.key;
  if (k == "continue") return read_plain<Continue>(reader, body);
  if (k == "next") return read_plain<Next>(reader, body);
  if (k == "step_in") return read_plain<StepIn>(reader, body);
  if (k == "step_out") return read_plain<StepOut>(reader, body);
  if (k == "expect_stop") return read_stop(reader, body);
  if (k == "expect_variables") return read_variables(reader, body);
  if (k == "evaluate") return read_evaluate(reader, body, expect);
  if (k == "expect_output") return read_output(reader, body);
  if (k == "reconnect") return read_plain<Reconnect>(reader, body);
  return read_exit(reader, body);
}

// " (did you mean 'x'?)" or "; LABEL: a, b, c".
std::string hint(const std::string& word, const std::vector<std::string>& candidates,
                 const std::string& label) {
  std::string close = util::did_you_mean(word, candidates);
  if (!close.empty()) return " (did you mean '" + close + "'?)";
  return "; " + label + ": " + util::join(candidates, ", ");
}

// Reports a key of a step map that is neither a keyword nor a step option.
void report_unknown(Reader& reader, const Entry& pair, const Entry* keyword) {
  if (!keyword) {
    reader.error(reader.key_loc(pair),
                 "unknown step '" + pair.key + "'" + hint(pair.key, step_keywords(), "steps"));
    return;
  }
  std::vector<std::string> options = {"timeout"};
  if (keyword->key == "evaluate") options.push_back("expect");
  reader.error(reader.key_loc(pair),
               "unknown key '" + pair.key + "'" +
                   hint(pair.key, options, "besides its keyword a step takes"));
}

std::optional<Step> read_step(Reader& reader, const YAML::Node& list, const YAML::Node& item) {
  if (!item.IsMap()) {
    std::string message = "a step must be a map, got " + describe(item);
    if (item.IsScalar() && is_keyword(item.Scalar()))
      message += " (did you mean '" + item.Scalar() + ": {}'?)";
    reader.error(reader.item_loc(list, item), std::move(message));
    return std::nullopt;
  }
  std::vector<Entry> pairs = reader.entries(item, nullptr);
  auto keyword_it =
      std::find_if(pairs.begin(), pairs.end(), [](const Entry& e) { return is_keyword(e.key); });
  const Entry* keyword = keyword_it == pairs.end() ? nullptr : &*keyword_it;
  const Entry* expect = nullptr;
  const Entry* timeout = nullptr;
  bool ok = pairs.size() == item.size();
  for (const auto& pair : pairs) {
    if (&pair == keyword) continue;
    if (pair.key == "timeout") {
      timeout = &pair;
      continue;
    }
    if (pair.key == "expect" && keyword && keyword->key == "evaluate") {
      expect = &pair;
      continue;
    }
    if (is_keyword(pair.key))
      reader.error(reader.key_loc(pair), "a step takes exactly one keyword, got '" + keyword->key +
                                             "' and '" + pair.key + "'");
    else if (pair.key == "expect")
      reader.error(reader.key_loc(pair), "'expect' is only allowed with 'evaluate'");
    else
      report_unknown(reader, pair, keyword);
    ok = false;
  }
  if (!keyword) {
    if (ok)
      reader.error(reader.loc(item),
                   "a step needs one keyword (" + util::join(step_keywords(), ", ") + ")");
    return std::nullopt;
  }
  Step step{keyword->key, Continue{}, std::nullopt, reader.key_loc(*keyword)};
  if (timeout) {
    step.timeout = reader.seconds(*timeout);
    ok = ok && step.timeout;
  }
  auto kind = read_body(reader, *keyword, expect);
  if (!ok || !kind) return std::nullopt;
  step.kind = std::move(*kind);
  return step;
}

}  // namespace

void read_steps(Reader& reader, const Entry& entry, std::vector<Step>& steps) {
  if (entry.value.IsNull()) return;
  if (!entry.value.IsSequence()) {
    reader.error(reader.value_loc(entry), "'steps' must be a list, got " + describe(entry.value));
    return;
  }
  for (const auto& item : entry.value)
    if (auto step = read_step(reader, entry.value, item)) steps.push_back(std::move(*step));
}

}  // namespace scenario
