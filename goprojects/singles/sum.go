// A folder of several `package main` programs, one per file, as Delve's _fixtures: each file is
// a program of its own (`go build sum.go`); the folder as a whole does not build.
package main

import (
	"fmt"
	"os"
)

func sum(values []int) int {
	total := 0
	for _, v := range values {
		total += v
	}
	return total
}

func main() {
	_, home := os.LookupEnv("HOME")
	fmt.Printf("sum %d\n", sum([]int{1, 2, 3}))
	fmt.Printf("HOME set: %v; MARK=%s\n", home, os.Getenv("SINGLES_MARK"))
}
