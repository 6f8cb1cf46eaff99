#include "harness/runner/captures.h"

#include <algorithm>
#include <charconv>

#include "harness/scenario/captures.h"

namespace runner {

namespace {

// `text` as a JSON integer when it reads as one (and prints back identically), else a string.
json as_integer_if_plain(const std::string& text) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size() && std::to_string(value) == text)
    return value;
  return text;
}

// Replaces placeholders in place; the first problem is kept and later ones ignored.
class Substituter {
 public:
  explicit Substituter(const std::map<std::string, std::string>& captures) : captures_(captures) {}

  void text(std::string& value, const util::SourceLoc& where) {
    if (problem_ || scenario::find_placeholders(value).empty()) return;
    auto replaced = scenario::substitute(value, captures_);
    if (!replaced) {
      problem_ = failure(where, replaced.error().message);
      return;
    }
    value = std::move(*replaced);
  }

  void matcher(std::optional<match::Matcher>& matcher) {
    if (matcher) this->matcher(*matcher);
  }

  void matcher(match::Matcher& matcher) {
    if (problem_) return;
    if (!matcher.parts().empty()) {
      auto parts = matcher.parts();
      for (auto& part : parts) this->matcher(part);
      matcher = matcher.with_parts(std::move(parts));
      return;
    }
    if (!matcher.operand().is_string()) return;
    std::string operand = matcher.operand().get<std::string>();
    if (scenario::find_placeholders(operand).empty()) return;
    text(operand, matcher.loc());
    if (problem_) return;
    // op_names() lists the operators in the order of match::Op.
    const auto& op = match::Matcher::op_names()[static_cast<std::size_t>(matcher.op())];
    auto made = match::Matcher::make(op, operand, matcher.loc());
    if (!made) {
      problem_ = failure(matcher.loc(), made.error().message + " (after substituting captures)");
      return;
    }
    matcher = std::move(*made);
  }

  void variables(std::vector<scenario::VarExpect>& vars) {
    for (auto& var : vars) {
      for (auto* m :
           {&var.value, &var.type, &var.evaluate_name, &var.count, &var.indexed, &var.named})
        matcher(*m);
      variables(var.children);
    }
  }

  void step(scenario::StepKind& kind, const util::SourceLoc& where) {
    if (auto* stop = std::get_if<scenario::ExpectStop>(&kind)) {
      for (auto* m : {&stop->reason, &stop->file, &stop->line, &stop->function, &stop->description,
                      &stop->text})
        matcher(*m);
    } else if (auto* vars = std::get_if<scenario::ExpectVariables>(&kind)) {
      variables(vars->vars);
    } else if (auto* evaluate = std::get_if<scenario::Evaluate>(&kind)) {
      text(evaluate->expr, where);
      for (auto* m : {&evaluate->result, &evaluate->type, &evaluate->error}) matcher(*m);
    } else if (auto* set = std::get_if<scenario::SetVariable>(&kind)) {
      text(set->value, where);
      for (auto* m : {&set->result, &set->type, &set->error}) matcher(*m);
    } else if (auto* output = std::get_if<scenario::ExpectOutput>(&kind)) {
      matcher(output->text);
      for (auto& m : output->in_order) matcher(m);
    } else if (auto* exit = std::get_if<scenario::ExpectExit>(&kind)) {
      matcher(exit->code);
    } else if (auto* request = std::get_if<scenario::Request>(&kind)) {
      arguments(request->arguments, json::json_pointer(), *request, where);
      for (auto* m : {&request->message, &request->error}) matcher(*m);
      if (request->body) expectations(*request->body);
    }
  }

  // A request's arguments (each string below `value`; `pointer` is where `value` sits) and
  // expectations. A plain scalar that becomes an integer is sent as a number.
  void arguments(json& value, const json::json_pointer& pointer, const scenario::Request& request,
                 const util::SourceLoc& where) {
    if (value.is_object()) {
      for (auto& [key, member] : value.items()) arguments(member, pointer / key, request, where);
    } else if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i)
        arguments(value[i], pointer / i, request, where);
    } else if (value.is_string()) {
      std::string text = value.get<std::string>();
      this->text(text, where);
      const auto& plain = request.plain_placeholders;
      bool was_plain = std::find(plain.begin(), plain.end(), pointer.to_string()) != plain.end();
      value = was_plain ? as_integer_if_plain(text) : json(text);
    }
  }

  void expectations(scenario::JsonExpect& expect) {
    matcher(expect.leaf);
    for (auto& [key, member] : expect.members) expectations(member);
    for (auto& item : expect.items) expectations(item);
  }

  const std::optional<Problem>& problem() const { return problem_; }

 private:
  const std::map<std::string, std::string>& captures_;
  std::optional<Problem> problem_;
};

}  // namespace

std::variant<scenario::Step, Problem> with_captures(
    const scenario::Step& step, const std::map<std::string, std::string>& captures) {
  scenario::Step copy = step;
  Substituter substituter(captures);
  substituter.step(copy.kind, step.loc);
  if (substituter.problem()) return *substituter.problem();
  return copy;
}

}  // namespace runner
