// Package calc is a small library with tests, for test-mode scenarios.
package calc

// Sum returns the sum of values.
func Sum(values ...int) int {
	total := 0
	for _, v := range values {
		total += v
	}
	return total
}

// Mul returns a*b.
func Mul(a, b int) int {
	product := a * b
	return product
}
