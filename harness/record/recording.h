#pragma once
#include <optional>
#include <string>
#include <vector>

// What one recorded run of a scenario met, as dlv answered it (before any generalisation).
namespace record {

// How much `harness record` looks at, at every stop.
struct RecordOptions {
  int runs = 3;                          // runs compared to find values that vary
  int depth = 1;                         // levels of children below each local (0: the locals only)
  int max_locals = 30;                   // locals recorded per stop (in dlv's order)
  int max_children = 10;                 // children recorded per variable
  int max_stops = 50;                    // a run that stops more often than this is an error
  std::vector<std::string> variables;    // record only these locals (default: all)
  std::vector<std::string> expressions;  // evaluated (context watch) at every stop
};

struct RecordedVar {
  std::string name;
  std::string value;
  std::string type;
  std::string evaluate_name;
  int indexed = 0;           // indexedVariables
  int named = 0;             // namedVariables
  std::optional<int> count;  // children a plain `variables` request returned, when loaded
  std::vector<RecordedVar> children;
};

struct RecordedEvaluation {
  std::string expression;
  std::optional<std::string> result;  // a success: result and type
  std::string type;
  std::optional<std::string> error;  // a refusal: its message
};

struct RecordedStop {
  std::string action;       // the step that led here: continue, next, step_in, step_out
  std::string reason;       // stopped.reason
  std::string breakpoint;   // the scenario's id of the breakpoint hit, "" if none or unnamed
  std::string description;  // stopped.description, "" if none
  std::string text;         // stopped.text, "" if none
  std::string file;         // top frame's source, as a scenario writes it
  int line = 0;
  std::string function;
  std::vector<RecordedVar> locals;
  std::vector<RecordedEvaluation> evaluations;
};

struct Recording {
  std::vector<RecordedStop> stops;
  std::optional<std::string> final_action;  // the resume after the last stop, if the run exited
  std::optional<int> exit_code;             // when the program exited
  std::string stdout_text;
  std::string stderr_text;
};

}  // namespace record
