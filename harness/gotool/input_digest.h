#pragma once
#include "harness/gotool/build_inputs.h"
#include "harness/gotool/content_hash.h"
#include "harness/util/expected.h"

namespace gotool {

// Feeds into `hash` what of `inputs` can change a build: for each package folder the sorted
// names and contents of its go.mod and source files (.go but not _test.go, and .c .h .s .S .cc
// .cpp .cxx .hh .hpp .hxx .m .f .F .for .f90 .swig .swigcxx .syso; names starting with "." or
// "_" are ignored, as go ignores them); for each embed folder the names of all its entries and
// the contents of its files; each file's content. A missing folder or file is a value of its own.
// Errors: Io naming a folder that cannot be listed or a file that cannot be read.
util::Expected<void> hash_inputs(ContentHash& hash, const BuildInputs& inputs);

}  // namespace gotool
