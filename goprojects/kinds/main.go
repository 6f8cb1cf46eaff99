// Command kinds holds a local of every Go kind at one line, for the variables scenarios.
package main

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Node is a linked list cell, for pointer chains deeper than dlv's recursion limit.
type Node struct {
	Val  int
	Next *Node
}

// Config has fields of several kinds, for nested set_variable and evaluateName checks.
type Config struct {
	Name    string
	Retries int
}

// Shape is an interface with one implementation.
type Shape interface{ Area() float64 }

// Square implements Shape.
type Square struct{ Side float64 }

// Area is the square's area.
func (s Square) Area() float64 { return s.Side * s.Side }

func square(x int) int { return x * x }

func greet(name string) string { return "hello " + name }

func chain(n int) *Node {
	var head *Node
	for i := n; i > 0; i-- {
		head = &Node{Val: i, Next: head}
	}
	return head
}

// frames calls inner, so that a scenario can read or evaluate in a frame that is not the top.
func frames(depth int) int {
	local := depth * 10
	return inner(local) + local
}

func inner(v int) int {
	result := v + 1
	return result // inner breakpoint
}

func main() {
	var i8 int8 = -8
	var i16 int16 = -16
	var i32 int32 = -32
	var i64 int64 = -64
	var u8 uint8 = 200
	var b byte = 'A'
	var u16 uint16 = 65535
	var u32 uint32 = 4000000000
	var u64 uint64 = math.MaxUint64
	var r rune = 'é'
	var up uintptr = 0x1234
	n := 42
	f32 := float32(1.5)
	f64 := 3.25
	nan := math.NaN()
	posInf := math.Inf(1)
	negInf := math.Inf(-1)
	c64 := complex64(complex(1, 2))
	c128 := complex(-1.5, 0.5)
	yes := true
	str := "kinds"
	empty := ""
	long := strings.Repeat("0123456789", 500)
	raw := []byte("bytes!")
	arr := [3]int{1, 2, 3}
	nums := make([]int, 200)
	for k := range nums {
		nums[k] = k * 3
	}
	var nilSlice []int
	ages := map[string]int{"ann": 30}
	var nilMap map[string]int
	ch := make(chan int, 4)
	ch <- 1
	ch <- 2
	var nilChan chan int
	fn := square
	var nilFunc func(int) int
	var shape Shape = Square{Side: 2}
	var nilShape Shape
	var anything interface{} = "boxed"
	err := errors.New("boom")
	var nilErr error
	wrapped := fmt.Errorf("wrapped: %w", err)
	var nilPtr *Node
	list := chain(5)
	cfg := Config{Name: "kinds", Retries: 3}
	cfgPtr := &cfg
	shadow := "outer"
	{
		shadow := "inner"
		fmt.Println(shadow, i8, i16, i32, i64, u8, b, u16, u32, u64, r, up, n, f32, f64, nan, posInf, negInf, c64, c128, yes, str, empty, len(long), raw, arr, len(nums), nilSlice, ages, nilMap, len(ch), nilChan, fn != nil, nilFunc == nil, shape, nilShape, anything, err, nilErr, wrapped, nilPtr, list.Val, cfg, cfgPtr.Name) // all kinds
	}
	fmt.Println(shadow, greet("kinds"), frames(2)) // after block
}
