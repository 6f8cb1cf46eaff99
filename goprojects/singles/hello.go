// Another program of the folder (see sum.go): greets, then exits with status 3.
package main

import (
	"fmt"
	"os"
)

func greeting(name string) string {
	return "hello " + name
}

func main() {
	fmt.Println(greeting("singles"))
	os.Exit(3)
}
