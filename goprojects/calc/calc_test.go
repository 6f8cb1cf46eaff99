package calc

import "testing"

func TestSum(t *testing.T) {
	got := Sum(1, 2, 3)
	if got != 6 {
		t.Fatalf("Sum(1, 2, 3) = %d, want 6", got)
	}
}

func TestMul(t *testing.T) {
	got := Mul(4, 5)
	if got != 20 {
		t.Fatalf("Mul(4, 5) = %d, want 20", got)
	}
}
