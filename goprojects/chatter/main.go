// Command chatter writes known lines to stdout and stderr in a known order, around a loop that
// calls tick twice (so a breakpoint in tick is hit twice).
package main

import (
	"fmt"
	"os"
)

type counter struct{ hits int }

func tick(c *counter, n int) int {
	c.hits++
	return n * 10
}

func main() {
	fmt.Println("out: starting")
	fmt.Fprintln(os.Stderr, "err: disk almost full")
	c := &counter{}
	var anything interface{} = "text"
	total := 0
	for i := 1; i <= 2; i++ {
		total += tick(c, i)
	}
	fmt.Println("out: total", total, anything)
	fmt.Fprintln(os.Stderr, "err: done with warnings")
	fmt.Println("out: bye")
}
