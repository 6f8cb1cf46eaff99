#pragma once

namespace cli {

// Parses the command line and runs the chosen subcommand; returns the process exit status.
int run_cli(int argc, char** argv);

}  // namespace cli
