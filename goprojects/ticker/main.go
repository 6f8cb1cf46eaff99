// Command ticker is a long-running program for attach scenarios: it announces that it is ready,
// then calls tick every 20 ms until it has ticked -n times (default: practically forever).
package main

import (
	"flag"
	"fmt"
	"time"
)

// tick records one tick and returns the running total.
func tick(n int, total int) int {
	total += n
	return total
}

func main() {
	limit := flag.Int("n", 1<<30, "number of ticks before exiting")
	flag.Parse()
	fmt.Println("ticker ready")
	total := 0
	for n := 1; n <= *limit; n++ {
		total = tick(n, total)
		time.Sleep(20 * time.Millisecond)
	}
	fmt.Println("ticker done", total)
}
