// Command flaky fails on its first run and passes on every later one: the first run leaves the
// file named by $FLAKY_MARKER behind and exits 1. Without $FLAKY_MARKER it always passes.
package main

import (
	"fmt"
	"os"
)

func main() {
	marker := os.Getenv("FLAKY_MARKER")
	if marker == "" {
		fmt.Println("no marker: pass")
		return
	}
	if _, err := os.Stat(marker); err == nil {
		fmt.Println("marker found: pass")
		return
	}
	if err := os.WriteFile(marker, []byte("first run\n"), 0o644); err != nil {
		fmt.Println("cannot write the marker:", err)
	}
	fmt.Println("first run: fail")
	os.Exit(1)
}
