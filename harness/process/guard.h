#pragma once
// The guard: nothing the harness starts may outlive it, even when it is killed with SIGKILL (a
// cancelled CI job, the OOM killer, `timeout -s KILL`), which no process can handle for itself.
// So the harness is two processes. The one started (the guard) does nothing but wait for the
// other (the worker, which runs the harness) and clean up after it; whichever of the two is
// killed, the other one survives and ends every process left in their subtree:
// - the worker killed (the OOM killer picks it: it holds the memory): its orphans are
//   re-parented to the guard, a child subreaper, which SIGKILLs everything in its subtree;
// - the guard killed (the pid a user or CI signals): the worker gets SIGCONT as its parent-death
//   signal (which also resumes it if Ctrl-Z had stopped it), finds its guard gone, raises
//   SIGTERM and ends what it started, as on any SIGTERM (partial reports, exit 143);
// - the guard's process group killed (`timeout -s KILL`, CI runners): the worker is in a group
//   of its own, so only the guard dies, as above.
// Both killed individually at once (`pkill -9 harness`) is the one case left uncovered.

namespace process {

// Splits this process in two and returns only in the child, the worker: in a process group of its
// own, with SIGCONT as its parent-death signal (see above), SIGPIPE, SIGTTIN and SIGTTOU ignored (the worker
// is not in the terminal's foreground group, and must survive the death of its output's reader
// long enough to end what it started). The parent, the guard, never returns: it passes SIGINT,
// SIGTERM, SIGHUP and SIGQUIT on to the worker, stops and continues it with itself (Ctrl-Z, fg),
// waits for it, SIGKILLs every process left in its subtree (a few seconds' deadline), then ends
// as the worker did: the same exit code, or killed by the same signal. If fork fails, says so on
// stderr and returns in the only process, unguarded.
// Call first thing in main, while the process has a single thread.
void split_off_guard();

}  // namespace process
