#pragma once
#include <string>

#include "harness/drift/session_log.h"

namespace drift {

// Two runs of one scenario as one HTML table (a <details> block): per step (handshake, each
// step, teardown) the messages of the `from` run on the left and of the `to` run on the right,
// each with its time, title and a shortened body. Messages with the same title in the same order
// stand side by side; one that only a run has stands alone in a row marked `differs`. At most a
// bounded number of rows; everything escaped.
std::string side_by_side_html(const SessionLog& from, const SessionLog& to,
                              const std::string& from_label, const std::string& to_label);

}  // namespace drift
