#pragma once
#include <string>
#include <vector>

#include "harness/record/generalize.h"
#include "harness/record/recording.h"
#include "harness/record/yaml_writer.h"
#include "harness/util/expected.h"

namespace record {

// The `steps:` list that every one of `runs` (at least one) satisfies: per stop the resume that
// led to it, expect_stop (reason, breakpoint, file, line, function, and the panic's description
// and text), expect_variables for the locals, an evaluate per expression; then, if the program
// exited, expect_output per line each stream printed in every run (order-free; not a line that
// names one of `variance.local_paths`), and expect_exit.
// Values go through expectation_for(); a variable or child that not every run showed is left out;
// `variance` says what else varies. Error (InvalidScenario) when the runs stopped differently: then
// the program does not behave the same way twice and no scenario can hold.
util::Expected<Yaml> merged_steps(const std::vector<Recording>& runs, const Variance& variance);

}  // namespace record
