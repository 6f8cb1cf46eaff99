#pragma once
// The last resort of a process whose parent may die at any moment (the harness's worker under its
// guard, see guard.h): a termination signal that nothing else handles still ends everything the
// process started before the process ends.

namespace process {

// From now on, SIGINT, SIGTERM and SIGHUP (unless SIGHUP was ignored, as under nohup) end this
// process: no Child can be spawned any more, every descendant is SIGKILLed (see
// kill_descendants, a deadline of a few seconds), then the process exits with 128 + the signal.
// The work runs on a thread of its own, not in the signal handler, so the rest of the process
// goes on meanwhile. A handler installed later takes its signals while it is installed and must
// put this one back (sigaction's old action) when it is removed, as cli::InterruptWatch does.
// Call once.
void end_descendants_on_termination_signals();

}  // namespace process
