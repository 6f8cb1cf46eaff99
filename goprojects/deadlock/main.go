// Command deadlock blocks forever on a channel nobody writes to: the Go runtime ends it with
// "fatal error: all goroutines are asleep - deadlock!".
package main

import "fmt"

func main() {
	orders := make(chan int)
	fmt.Println("waiting for an order")
	order := <-orders
	fmt.Println("got", order)
}
