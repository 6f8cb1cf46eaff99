// Command spinner counts forever, sleeping between rounds; it only ends when it is killed.
package main

import (
	"fmt"
	"time"
)

// spin counts rounds without end.
func spin() {
	rounds := 0
	for {
		rounds++
		if rounds == 1 {
			fmt.Println("spinning")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func main() {
	spin()
}
