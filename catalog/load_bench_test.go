package catalog

import "testing"

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := parseString(embedded); err != nil {
			b.Fatal(err)
		}
	}
}
