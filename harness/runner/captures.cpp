#include "harness/runner/captures.h"

#include "harness/scenario/captures.h"

namespace runner {

namespace {

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
    if (problem_ || !matcher.operand().is_string()) return;
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
    }
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
