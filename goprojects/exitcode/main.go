// Command exitcode writes to stdout and stderr and exits with status 3.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("to stdout: processed 3 items")
	fmt.Fprintln(os.Stderr, "to stderr: 1 warning")
	os.Exit(3)
}
