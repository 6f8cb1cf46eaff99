#include <algorithm>

#include "harness/scenario/readers.h"
#include "harness/util/strings.h"

namespace scenario {
namespace {

const std::vector<std::string>& step_keywords() {
  static const std::vector<std::string> keywords = {"continue",
                                                    "next",
                                                    "step_in",
                                                    "step_out",
                                                    "expect_stop",
                                                    "expect_variables",
                                                    "evaluate",
                                                    "expect_output",
                                                    "expect_exit",
                                                    "reconnect",
                                                    "set_variable",
                                                    "expect_stack",
                                                    "expect_threads",
                                                    "set_breakpoints",
                                                    "set_function_breakpoints",
                                                    "pause",
                                                    "exception_info",
                                                    "disconnect",
                                                    "expect_dlv_exit",
                                                    "request",
                                                    "expect_events"};
  return keywords;
}

bool is_keyword(const std::string& key) {
  const auto& keywords = step_keywords();
  return std::find(keywords.begin(), keywords.end(), key) != keywords.end();
}

// The steps that take an `expect:` map next to their keyword.
const std::vector<std::string>& steps_with_expect() {
  static const std::vector<std::string> steps = {"evaluate", "set_variable", "request"};
  return steps;
}

bool takes_expect(const std::string& keyword) {
  const auto& steps = steps_with_expect();
  return std::find(steps.begin(), steps.end(), keyword) != steps.end();
}

// "'evaluate' and 'set_variable'" (for messages).
std::string expect_steps_text() {
  std::vector<std::string> quoted;
  for (const auto& step : steps_with_expect()) quoted.push_back("'" + step + "'");
  std::string last = quoted.back();
  quoted.pop_back();
  return quoted.empty() ? last : util::join(quoted, ", ") + " and " + last;
}

// Where a "missing key" of a step body points: the body, or the keyword when it has none.
SourceLoc body_loc(Reader& reader, const Entry& body) {
  return body.value.IsNull() ? reader.key_loc(body) : reader.value_loc(body);
}

// `hit_breakpoint_ids:` of expect_stop: a list of matchers, or `{absent: true}`.
std::optional<HitIds> read_hit_ids(Reader& reader, const Entry& entry) {
  static const std::vector<std::string> keys = {"absent"};
  HitIds hit;
  hit.loc = reader.value_loc(entry);
  if (entry.value.IsMap() && entry.value.size() > 0) {
    auto pairs = reader.map_value(entry, &keys);
    if (!pairs || pairs->empty()) return std::nullopt;  // only unknown keys, already reported
    auto absent = reader.boolean(pairs->front());
    if (absent && !*absent) reader.error(reader.value_loc(pairs->front()), "'absent' must be true");
    if (!absent || !*absent) return std::nullopt;
    hit.absent = true;
    return hit;
  }
  if (!entry.value.IsSequence()) {
    reader.error(hit.loc,
                 "'hit_breakpoint_ids' must be a list of matchers or {absent: true}, got " +
                     describe(entry.value));
    return std::nullopt;
  }
  bool ok = true;
  for (std::size_t i = 0; i < entry.value.size(); ++i) {
    Entry item{"hit_breakpoint_ids[" + std::to_string(i) + "]", entry.value[i], entry.value[i]};
    auto matcher = reader.matcher(item);
    if (matcher) hit.ids.push_back(std::move(*matcher));
    ok = ok && matcher;
  }
  if (!ok) return std::nullopt;
  return hit;
}

std::optional<StepKind> read_stop(Reader& reader, const Entry& body) {
  static const std::vector<std::string> keys = {"reason",
                                                "at",
                                                "description",
                                                "text",
                                                "function",
                                                "file",
                                                "line",
                                                "thread",
                                                "all_threads_stopped",
                                                "hit_breakpoint_ids"};
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  ExpectStop stop;
  for (const auto& pair : *pairs) {
    if (pair.key == "at") {
      stop.at = reader.string(pair);
      stop.at_loc = reader.value_loc(pair);
      continue;
    }
    if (pair.key == "hit_breakpoint_ids") {
      stop.hit_breakpoint_ids = read_hit_ids(reader, pair);
      continue;
    }
    auto matcher = reader.matcher(pair);
    if (pair.key == "reason") stop.reason = std::move(matcher);
    if (pair.key == "description") stop.description = std::move(matcher);
    if (pair.key == "text") stop.text = std::move(matcher);
    if (pair.key == "function") stop.function = std::move(matcher);
    if (pair.key == "file") stop.file = std::move(matcher);
    if (pair.key == "line") stop.line = std::move(matcher);
    if (pair.key == "thread") stop.thread = std::move(matcher);
    if (pair.key == "all_threads_stopped") stop.all_threads_stopped = std::move(matcher);
  }
  return stop;
}

std::optional<StepKind> read_exception_info(Reader& reader, const Entry& body) {
  static const std::vector<std::string> keys = {"exceptionId", "description", "breakMode",
                                                "details", "error"};
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  ExceptionInfo info;
  for (const auto& pair : *pairs) {
    auto matcher = reader.matcher(pair);
    if (pair.key == "exceptionId") info.exception_id = std::move(matcher);
    if (pair.key == "description") info.description = std::move(matcher);
    if (pair.key == "breakMode") info.break_mode = std::move(matcher);
    if (pair.key == "details") info.details = std::move(matcher);
    if (pair.key == "error") info.error = std::move(matcher);
  }
  return info;
}

std::optional<StepKind> read_variables(Reader& reader, const Entry& body) {
  static const std::vector<std::string> keys = {"scope",   "frame", "vars",  "exact",
                                                "ordered", "each",  "count", "expensive"};
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  ExpectVariables expect;
  for (const auto& pair : *pairs) {
    if (read_list_option(reader, pair, expect.list)) continue;
    if (pair.key == "count" || pair.key == "expensive") {
      (pair.key == "count" ? expect.count : expect.expensive) = reader.matcher(pair);
    } else if (pair.key == "scope") {
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

// Reads `expect:` of a step that answers with a value: {<value_key>, type} or {error}, into
// the step's result, type and error matchers (evaluate: "result"; set_variable: "value").
template <class Step>
void read_answer_expect(Reader& reader, const Entry& entry, const std::string& value_key,
                        Step& step) {
  std::vector<std::string> keys = {value_key, "type", "error"};
  constexpr bool has_children = requires {
    step.indexed;
  };
  if constexpr (has_children) keys.insert(keys.end(), {"indexed", "named", "count"});
  auto pairs = reader.map_value(entry, &keys);
  if (!pairs) return;
  const Entry* first_value_key = nullptr;  // the first of value_key/type
  bool has_error = false;
  for (const auto& pair : *pairs) {
    if (pair.key == "error") {
      has_error = true;
    } else if (!first_value_key) {
      first_value_key = &pair;
    }
    if (has_error && first_value_key) {
      reader.error(reader.key_loc(pair), "'expect' holds either 'error' or '" + value_key +
                                             "'/'type', not '" + first_value_key->key +
                                             "' and 'error'");
      return;
    }
    auto matcher = reader.matcher(pair);
    if (pair.key == value_key) step.result = std::move(matcher);
    if (pair.key == "type") step.type = std::move(matcher);
    if (pair.key == "error") step.error = std::move(matcher);
    if constexpr (has_children) {
      if (pair.key == "indexed") step.indexed = std::move(matcher);
      if (pair.key == "named") step.named = std::move(matcher);
      if (pair.key == "count") step.count = std::move(matcher);
    }
  }
}

std::optional<StepKind> read_evaluate(Reader& reader, const Entry& body, const Entry* expect) {
  static const std::vector<std::string> keys = {"expr", "context", "frame", "save"};
  static const std::vector<std::string> contexts = {"watch", "repl", "hover", "clipboard",
                                                    "variables"};
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
    } else if (pair.key == "save") {
      evaluate.save = read_capture_name(reader, pair);
    } else if (pair.value.IsScalar() && pair.value.Scalar() == "none") {
      evaluate.without_frame = true;
    } else if (auto frame = reader.integer(pair, 0)) {
      evaluate.frame = *frame;
    }
  }
  if (!has_expr) reader.missing(body_loc(reader, body), "expr", "'evaluate'");
  if (expect) read_answer_expect(reader, *expect, "result", evaluate);
  return evaluate;
}

std::optional<StepKind> read_set_variable(Reader& reader, const Entry& body, const Entry* expect) {
  static const std::vector<std::string> keys = {"name", "value", "scope", "frame"};
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  SetVariable set;
  bool has_name = false, has_value = false;
  for (const auto& pair : *pairs) {
    if (pair.key == "frame") {
      if (auto frame = reader.integer(pair, 0)) set.frame = *frame;
      continue;
    }
    auto text = reader.string(pair);
    if (!text) continue;
    if (pair.key == "name") {
      has_name = true;
      set.name = *text;
    } else if (pair.key == "value") {
      has_value = true;
      set.value = *text;
    } else {
      set.scope = *text;
    }
  }
  if (!has_name) reader.missing(body_loc(reader, body), "name", "'set_variable'");
  if (!has_value) reader.missing(body_loc(reader, body), "value", "'set_variable'");
  if (expect) read_answer_expect(reader, *expect, "value", set);
  return set;
}

// `in_order: [matcher, ...]` or `absent: [...]` of expect_output: each item a bare scalar or an
// operator map.
std::optional<std::vector<match::Matcher>> read_line_matchers(Reader& reader, const Entry& entry) {
  if (!entry.value.IsSequence() || entry.value.size() == 0) {
    reader.error(
        reader.value_loc(entry),
        "'" + entry.key + "' must be a non-empty list of matchers, got " + describe(entry.value));
    return std::nullopt;
  }
  std::vector<match::Matcher> matchers;
  bool ok = true;
  for (std::size_t i = 0; i < entry.value.size(); ++i) {
    Entry item{entry.key + "[" + std::to_string(i) + "]", entry.value[i], entry.value[i]};
    auto matcher = reader.matcher(item);
    if (matcher) matchers.push_back(std::move(*matcher));
    ok = ok && matcher;
  }
  if (!ok) return std::nullopt;
  return matchers;
}

std::optional<StepKind> read_output(Reader& reader, const Entry& body) {
  static const std::vector<std::string> categories = {"stdout", "stderr", "console", "any", "dlv"};
  std::vector<std::string> ops = match::Matcher::op_names();
  ops.insert(ops.end(), {"in_order", "absent"});
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
  ExpectOutput output{category, std::nullopt, {}, {}};
  if (op->key == "in_order" || op->key == "absent") {
    auto matchers = read_line_matchers(reader, *op);
    if (!ok || !matchers) return std::nullopt;
    (op->key == "in_order" ? output.in_order : output.absent) = std::move(*matchers);
    return output;
  }
  output.text = reader.operator_matcher(*op);
  if (!ok || !output.text) return std::nullopt;
  return output;
}

// expect_exit / expect_dlv_exit: `{code: MATCHER}`.
std::optional<match::Matcher> read_exit_code(Reader& reader, const Entry& body) {
  static const std::vector<std::string> keys = {"code"};
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  if (pairs->empty()) {
    if (!body.value.IsMap() || body.value.size() == 0)
      reader.missing(body_loc(reader, body), "code", "'" + body.key + "'");
    return std::nullopt;
  }
  return reader.matcher(pairs->front());
}

std::optional<StepKind> read_disconnect(Reader& reader, const Entry& body) {
  static const std::vector<std::string> keys = {"terminate_debuggee", "suspend_debuggee"};
  auto pairs = reader.map_value(body, &keys);
  if (!pairs) return std::nullopt;
  Disconnect disconnect;
  bool ok = true;
  for (const auto& pair : *pairs) {
    auto value = reader.boolean(pair);
    ok = ok && value;
    if (pair.key == "terminate_debuggee") disconnect.terminate_debuggee = value;
    if (pair.key == "suspend_debuggee") disconnect.suspend_debuggee = value;
  }
  if (!ok) return std::nullopt;
  return disconnect;
}

// Steps without arguments: `continue: {}` (or an empty value).
template <class Kind>
std::optional<StepKind> read_plain(Reader& reader, const Entry& body) {
  static const std::vector<std::string> no_keys;
  auto pairs = reader.map_value(body, &no_keys);
  if (!pairs || (body.value.IsMap() && body.value.size() != 0)) return std::nullopt;
  return Kind{};
}

// continue / next / step_in / step_out: `{}` or `{thread: MATCHER}`.
template <class Kind>
std::optional<StepKind> read_resume(Reader& reader, const Entry& body) {
  bool ok = true;
  auto thread = read_thread_selector(reader, body, ok);
  if (!ok) return std::nullopt;
  return Kind{std::move(thread)};
}

std::optional<StepKind> read_body(Reader& reader, const Entry& body, const Entry* expect) {
  const std::string& k = body.key;
  if (k == "continue") return read_resume<Continue>(reader, body);
  if (k == "next") return read_resume<Next>(reader, body);
  if (k == "step_in") return read_resume<StepIn>(reader, body);
  if (k == "step_out") return read_resume<StepOut>(reader, body);
  if (k == "expect_stop") return read_stop(reader, body);
  if (k == "expect_variables") return read_variables(reader, body);
  if (k == "evaluate") return read_evaluate(reader, body, expect);
  if (k == "expect_output") return read_output(reader, body);
  if (k == "reconnect") return read_plain<Reconnect>(reader, body);
  if (k == "set_variable") return read_set_variable(reader, body, expect);
  if (k == "expect_stack") return read_expect_stack(reader, body);
  if (k == "expect_threads") return read_expect_threads(reader, body);
  if (k == "set_breakpoints") return read_set_breakpoints(reader, body);
  if (k == "set_function_breakpoints") return read_set_function_breakpoints(reader, body);
  if (k == "pause") return read_plain<Pause>(reader, body);
  if (k == "exception_info") return read_exception_info(reader, body);
  if (k == "disconnect") return read_disconnect(reader, body);
  if (k == "request") return read_request(reader, body, expect);
  if (k == "expect_events") return read_expect_events(reader, body);
  auto code = read_exit_code(reader, body);
  if (!code) return std::nullopt;
  if (k == "expect_dlv_exit") return ExpectDlvExit{std::move(*code)};
  return ExpectExit{std::move(*code)};
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
  if (takes_expect(keyword->key)) options.push_back("expect");
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
    if (pair.key == "expect" && keyword && takes_expect(keyword->key)) {
      expect = &pair;
      continue;
    }
    if (is_keyword(pair.key))
      reader.error(reader.key_loc(pair), "a step takes exactly one keyword, got '" + keyword->key +
                                             "' and '" + pair.key + "'");
    else if (pair.key == "expect")
      reader.error(reader.key_loc(pair), "'expect' is only allowed with " + expect_steps_text());
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
  std::vector<std::string> saved;  // capture names saved by the steps read so far
  for (const auto& item : entry.value) {
    auto step = read_step(reader, entry.value, item);
    check_captures(reader, item, step ? &*step : nullptr, saved);
    if (step) steps.push_back(std::move(*step));
  }
}

}  // namespace scenario
