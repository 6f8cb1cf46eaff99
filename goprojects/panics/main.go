// Command panics ends with an unrecovered panic carrying a string value.
package main

import "fmt"

// explode panics with a fixed message.
func explode(reason string) {
	fmt.Println("about to panic")
	panic("boom: " + reason)
}

func main() {
	explode("disk full")
}
