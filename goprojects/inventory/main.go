// Command inventory builds nested and large values for variable-inspection scenarios.
package main

import (
	"fmt"
	"strings"
)

// Address is nested inside Warehouse.
type Address struct {
	Street string
	City   string
	Zip    int
}

// Warehouse holds a nested struct, a map and a slice.
type Warehouse struct {
	Name    string
	Address Address
	Stock   map[string]int
	Tags    []string
}

// Item is the target of a pointer.
type Item struct {
	SKU   string
	Count int
}

// total adds up the values of a slice.
func total(values []int) int {
	sum := 0
	for _, v := range values {
		sum += v
	}
	return sum
}

func main() {
	wh := Warehouse{
		Name:    "central",
		Address: Address{Street: "1 Main St", City: "Springfield", Zip: 12345},
		Stock:   map[string]int{"apples": 10, "pears": 20},
		Tags:    []string{"cold", "dry"},
	}
	item := &Item{SKU: "A-1", Count: 7}
	items := make([]int, 200)
	var grid [200]int
	for i := range items {
		items[i] = i * 2
		grid[i] = i
	}
	long := strings.Repeat("abcdefghij", 100)
	sum := total(items)
	fmt.Println(wh.Name, item.SKU, len(long), sum, grid[199])
}
