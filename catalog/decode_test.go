package catalog

import (
	"encoding/json"
	"reflect"
	"testing"
)

// The fast decoder must read the embedded file exactly as encoding/json
// would with the exported json tags.
func TestFastDecodeMatchesEncodingJSON(t *testing.T) {
	fast, err := decodeFile(embedded)
	if err != nil {
		t.Fatal(err)
	}
	var std File
	if err := json.Unmarshal([]byte(embedded), &std); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast, &std) {
		for i := range std.Handlers {
			if !reflect.DeepEqual(fast.Handlers[i], std.Handlers[i]) {
				t.Fatalf("handler %d differs:\nfast %+v\nstd  %+v", i, fast.Handlers[i], std.Handlers[i])
			}
		}
		for i := range std.SDKEvents {
			if !reflect.DeepEqual(fast.SDKEvents[i], std.SDKEvents[i]) {
				t.Fatalf("SDK event %d differs:\nfast %+v\nstd  %+v", i, fast.SDKEvents[i], std.SDKEvents[i])
			}
		}
		t.Fatal("decoded files differ")
	}
}

func TestFastDecodeEscapesAndUnknownKeys(t *testing.T) {
	const src = `{"generated":"g","future":{"a":[1,2.5e3,true,null,"x"]},"version":"v\"1\u00e9\ud83d\ude00\n","handlers":[{"name":"wixA_onB","prefix":"wixA","event":"onB","generation":"v2","deprecated":true,"extra":null,"payloadFields":[{"name":"a","type":"string","optional":true}]}],"sdkEvents":null}`
	f, err := decodeFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var std File
	if err := json.Unmarshal([]byte(src), &std); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f, &std) {
		t.Fatalf("fast %+v\nstd %+v", f, std)
	}
	for _, bad := range []string{`{`, `{"version":"x}`, `{"version":1x}`, `{"handlers":[{"name":"a"}`, `{} x`} {
		if _, err := decodeFile(bad); err == nil {
			t.Errorf("decodeFile(%q) accepted malformed input", bad)
		}
	}
}
