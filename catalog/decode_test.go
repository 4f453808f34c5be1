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

func TestModulesDecodeAndLookup(t *testing.T) {
	const src = `{"version":"v","modules":[{"name":"@wix/quiet","version":"1.0.3","docsUrl":"https://dev.wix.com/docs/sdk/backend-modules/quiet","events":0},{"name":"@wix/loud","version":"2.0.0","events":12}],"sdkEvents":[{"package":"@wix/other","importPath":"@wix/other","namespace":"things","export":"onThingCreated"}]}`
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
	c, err := build(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		pkg    string
		ok     bool
		events int
	}{
		{"@wix/quiet", true, 0},  // read, no events
		{"@wix/loud", true, 12},  // as recorded
		{"@wix/other", true, 1},  // known through its events alone
		{"@wix/never", false, 0}, // never read
	} {
		m, ok := c.SDKModule(tc.pkg)
		if ok != tc.ok || m.Events != tc.events {
			t.Errorf("SDKModule(%q) = %+v, %v; want events %d, %v", tc.pkg, m, ok, tc.events, tc.ok)
		}
	}
	if _, err := decodeFile(`{"modules":[{"name":"x","events":-1}]}`); err == nil {
		t.Error("a negative event count was accepted")
	}
}
