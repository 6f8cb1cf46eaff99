// Command workers parks a few goroutines at known lines, for stack, goroutine and scope
// scenarios: three main.worker goroutines and one main.courier wait on the same channel until
// main, stopped at "workers parked", releases them.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
)

// Package-level variables, shown in the Globals scope with showGlobalVariables.
var (
	appName     = "workers"
	workerCount = 3
	delivered   = 0
)

// depth recurses n times and then calls bottom, so that the stack has a known shape.
func depth(n int) int {
	if n == 0 {
		return bottom()
	}
	return depth(n-1) + 1
}

// bottom is the deepest frame of depth's recursion.
func bottom() int {
	marker := 42
	return marker
}

// worker announces itself on ready and waits until release is closed.
func worker(name string, ready, done *sync.WaitGroup, release <-chan struct{}) {
	defer done.Done()
	ready.Done()
	<-release
	fmt.Println("worker", name, "released")
}

// courier waits like a worker, then counts one delivery.
func courier(ready, done *sync.WaitGroup, release <-chan struct{}) {
	defer done.Done()
	ready.Done()
	<-release
	parcels := 1
	delivered += parcels
	fmt.Println("courier delivered", parcels)
}

// waitUntilParked returns once `count` goroutines wait in a channel receive of `function`.
func waitUntilParked(function string, count int) {
	buf := make([]byte, 1<<20)
	pattern := "[chan receive]:\n" + function + "("
	for strings.Count(string(buf[:runtime.Stack(buf, true)]), pattern) < count {
		runtime.Gosched()
	}
}

func main() {
	var ready, done sync.WaitGroup
	release := make(chan struct{})
	for i := 0; i < workerCount; i++ {
		ready.Add(1)
		done.Add(1)
		go worker(fmt.Sprintf("w%d", i), &ready, &done, release)
	}
	ready.Add(1)
	done.Add(1)
	go courier(&ready, &done, release)
	ready.Wait()
	waitUntilParked("main.worker", workerCount)
	waitUntilParked("main.courier", 1)
	fmt.Println("workers parked:", workerCount)
	close(release)
	done.Wait()
	fmt.Println(appName, "depth", depth(3), "delivered", delivered)
}
