// Command basics is a small program for breakpoint, stepping and locals scenarios.
package main

import (
	"fmt"
	"os"
)

// greet builds a greeting for name.
func greet(name string) string {
	message := "hello " + name
	return message
}

// square returns n*n.
func square(n int) int {
	result := n * n
	return result
}

func main() {
	count := 3
	ratio := 2.5
	enabled := true
	name := "world"
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	mood := os.Getenv("MOOD")
	letter := 'x'
	greeting := greet(name)
	fmt.Println(greeting)
	total := 0
	for i := 0; i < 5; i++ {
		total += square(i)
	}
	fmt.Println("total", total, count, ratio, enabled, string(letter), mood)
}
