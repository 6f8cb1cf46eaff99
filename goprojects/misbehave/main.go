// Command misbehave does what a debuggee should not, for the harness's fault tests. Its first
// argument picks the act: kill-debugger (SIGKILL to its parent, which is dlv), kill-self
// (SIGKILL to itself), spin (never stops, never ends), or fork (starts three `sleep` children
// that outlive it unless someone ends them, then stops at its breakpoint and spins).
package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// act does what mode names; it returns only for fork.
func act(mode string) {
	switch mode {
	case "kill-debugger":
		syscall.Kill(os.Getppid(), syscall.SIGKILL)
	case "kill-self":
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
	case "fork":
		for i := 0; i < 3; i++ {
			child := exec.Command("sleep", "300")
			if err := child.Start(); err != nil {
				fmt.Println("cannot start a child:", err)
				os.Exit(1)
			}
		}
		return
	}
	spin()
}

// spin sleeps in a loop without end.
func spin() {
	for {
		time.Sleep(10 * time.Millisecond)
	}
}

func main() {
	mode := "spin"
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	fmt.Println("misbehave:", mode)
	act(mode)
	children := 3
	fmt.Println("started", children, "children") // line 50: the fork scenario stops here
	spin()
}
