#include "harness/cli/app.h"
#include "harness/process/guard.h"
#include "harness/process/signal_exit.h"

int main(int argc, char** argv) {
  process::split_off_guard();  // from here on, this is the worker; its guard cleans up after it
  process::end_descendants_on_termination_signals();
  return cli::run_cli(argc, argv);
}
