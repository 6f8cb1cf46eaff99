#pragma once
#include <optional>
#include <string>

#include "harness/util/source_loc.h"

namespace util {

// What went wrong, coarse enough to pick an exit code or a JUnit element from.
enum class ErrorKind {
  Usage,            // bad command line
  InvalidScenario,  // a scenario file failed to load or validate
  MissingTool,      // go or dlv not found / unusable
  Io,               // file system
  Transport,        // connection, framing, EOF
  Protocol,         // malformed or unexpected DAP message, error response
  Timeout,          // a deadline passed
  Process,          // spawning, or a child died
  Build,            // go build failed
};

// Short lowercase name of a kind, e.g. "timeout".
const char* kind_name(ErrorKind kind);

// A recoverable failure: kind, a human message, and where in an input file it applies.
struct Error {
  ErrorKind kind = ErrorKind::Protocol;
  std::string message;
  std::optional<SourceLoc> where;

  // "file:line:col: message" when a location is known, else the message.
  std::string str() const;
};

// Convenience constructor.
inline Error make_error(ErrorKind kind, std::string message,
                        std::optional<SourceLoc> where = std::nullopt) {
  return Error{kind, std::move(message), std::move(where)};
}

}  // namespace util
