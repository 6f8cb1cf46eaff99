// Command trap stops itself with runtime.Breakpoint(), a hard-coded breakpoint no editor set,
// then goes on and exits normally.
package main

import (
	"fmt"
	"runtime"
)

// checkpoint traps into the debugger once.
func checkpoint(stage string) {
	fmt.Println("before the trap:", stage)
	runtime.Breakpoint()
	fmt.Println("after the trap:", stage)
}

func main() {
	checkpoint("one")
}
