package chunk

import (
	"testing"
	"unsafe"
)

func TestTake(t *testing.T) {
	var c Of[int64]
	per := Bytes / 8
	for _, tc := range []struct {
		name   string
		n      int
		shared bool // from the current chunk (else its own allocation)
	}{
		{"empty", 0, false},
		{"one", 1, true},
		{"quarter chunk", per / 4, true},
		{"over a quarter", per/4 + 1, false},
		{"whole chunk", per, false},
	} {
		before := c.buf
		s := c.Take(tc.n)
		if len(s) != tc.n || cap(s) != tc.n {
			t.Errorf("%s: len %d cap %d, want %d and %d", tc.name, len(s), cap(s), tc.n, tc.n)
		}
		for i := range s {
			if s[i] != 0 {
				t.Errorf("%s: not zeroed", tc.name)
			}
			s[i] = int64(i + 1)
		}
		inChunk := tc.n > 0 && within(s, c.buf)
		if inChunk != tc.shared {
			t.Errorf("%s: from the chunk %v, want %v", tc.name, inChunk, tc.shared)
		}
		if !tc.shared && len(c.buf) != len(before) {
			t.Errorf("%s: an own allocation used the chunk", tc.name)
		}
	}
	// Two neighbours: growing the first must not touch the second.
	a, b := c.Take(2), c.Take(2)
	b[0], b[1] = 7, 8
	a = append(a, 99)
	if b[0] != 7 || b[1] != 8 || len(a) != 3 {
		t.Fatalf("append to a slice overwrote its neighbour: %v %v", a, b)
	}
	// A nil *Of allocates each slice on its own.
	var none *Of[int64]
	if s := none.Take(3); len(s) != 3 || cap(s) != 3 {
		t.Errorf("nil Of: Take(3) has len %d cap %d", len(s), cap(s))
	}
	if got := Clone(none, []int64{4, 5}); len(got) != 2 || got[1] != 5 || Clone(none, []int64{}) != nil {
		t.Errorf("nil Of: Clone = %v", got)
	}
	if Clone(&c, []int64(nil)) != nil || Clone(&c, []int64{}) != nil {
		t.Error("Clone of an empty slice is not nil")
	}
	if got := Clone(&c, []int64{1, 2, 3}); len(got) != 3 || got[2] != 3 || cap(got) != 3 {
		t.Errorf("Clone = %v (cap %d)", got, cap(got))
	}
}

// within reports whether s starts inside buf's backing array.
func within(s, buf []int64) bool {
	if cap(buf) == 0 || len(s) == 0 {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(buf[:1])))
	return p >= lo && p < lo+uintptr(cap(buf))*8
}
