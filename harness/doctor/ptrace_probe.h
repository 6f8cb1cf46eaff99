#pragma once
#include <optional>
#include <string>

#include "harness/doctor/check.h"

// Whether this process may trace a child it starts, as dlv must: the Yama setting alone does
// not tell (a container's seccomp profile or a missing capability refuses ptrace whatever it says).
namespace doctor {

// Starts a child that waits, attaches to it with ptrace, detaches and ends it. nullopt when the
// attach worked; else why it did not ("Operation not permitted").
std::optional<std::string> probe_ptrace();

// The check for a probe's outcome: ok, or a failure with what to do in a container.
Check check_ptrace_probe(const std::optional<std::string>& refusal);

}  // namespace doctor
