package catalog

import "testing"

// Targets (issue 2): load < 5 ms, Complete for a 3-letter prefix < 20 µs,
// Suggest for an unknown name < 200 µs. Numbers are kept in README.md.

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		if _, err := parseString(embedded); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(processCPU()-cpu)/1e6/float64(b.N), "cpu-ms/op")
}

func BenchmarkLookup(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if len(c.Lookup("wixCrm_onContactCreated")) != 2 {
			b.Fatal("lookup")
		}
	}
}

func BenchmarkComplete3(b *testing.B) {
	c := Default()
	for _, p := range []string{"wix", "onO", "pai"} {
		b.Run(p, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				c.Complete(p, 50)
			}
		})
	}
}

func BenchmarkCompleteUnlimited(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c.Complete("wix", 0)
	}
}

func BenchmarkSuggest(b *testing.B) {
	c := Default()
	for _, n := range []string{"wixBiling_onInvoicePaid", "members_onMemberCreated", "myHelperFunction", "wixEcom_onOrderPaid"} {
		b.Run(n, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				c.Suggest(n, 5)
			}
		})
	}
}

func BenchmarkSuggestSDK(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c.SuggestSDK("@wix/crm", "contact", "onContactCreatd", 5)
	}
}

// BenchmarkLoadMethods decodes methods.gen.json, which happens once, on
// the first lookup of a Wix API call (never at startup).
func BenchmarkLoadMethods(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ParseMethods([]byte(embeddedMethods)); err != nil {
			b.Fatal(err)
		}
	}
}
