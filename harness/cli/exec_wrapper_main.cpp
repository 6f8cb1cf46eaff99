// dlv-exec-wrapper: the program `go test -exec` runs instead of the test binary.
//
//   dlv-exec-wrapper DLV TEST_BINARY [TEST_FLAGS...]
//
// replaces itself (execv, no shell) with
//   DLV exec TEST_BINARY --headless --listen=127.0.0.1:0 --accept-multiclient -- TEST_FLAGS...
// so that dlv does not read the -test.* flags as its own. dlv prints "API server listening at:"
// on stdout, which go test passes through; the harness reads it there and attaches over DAP.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s DLV TEST_BINARY [TEST_FLAGS...]\n", argv[0]);
    return 2;
  }
  std::vector<std::string> args = {
      argv[1], "exec", argv[2], "--headless", "--listen=127.0.0.1:0", "--accept-multiclient", "--"};
  for (int i = 3; i < argc; ++i) args.emplace_back(argv[i]);
  std::vector<char*> cargs;
  for (auto& a : args) cargs.push_back(a.data());
  cargs.push_back(nullptr);
  execv(argv[1], cargs.data());
  std::fprintf(stderr, "dlv-exec-wrapper: cannot run %s: %s\n", argv[1], std::strerror(errno));
  return 127;
}
