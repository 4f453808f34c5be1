package analysis_test

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
)

// TestSampleCLIApp pins what the sample app in testdata/sample/cli-app
// shows: its correct extensions are clean, and each typical mistake is
// reported once, where it is.
func TestSampleCLIApp(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "sample", "cli-app"))
	if err != nil {
		t.Fatal(err)
	}
	ws := index.New(index.Options{KeepCall: analysis.KeepCall})
	ws.AddRoot(dir)
	if _, err := ws.Walk(context.Background(), dir, nil); err != nil {
		t.Fatal(err)
	}
	an := analysis.New(ws)
	var got []string
	for _, f := range ws.Files() {
		for _, d := range an.File(f) {
			got = append(got, strings.TrimPrefix(f.Rel, "src/extensions/backend/events/")+" "+d.Code)
			if d.Code == "invalid-extension-id" {
				ok := false
				for _, fx := range d.Fixes {
					ok = ok || strings.HasPrefix(fx.Title, "Generate a fresh UUID")
				}
				if !ok {
					t.Errorf("invalid-extension-id without a \"Generate a fresh UUID\" fix (the editors' e2e relies on it)")
				}
			}
		}
		if ds := analysis.SyntaxCheck(f); len(ds) > 0 {
			t.Errorf("%s: syntax: %s", f.Rel, ds[0].Message)
		}
	}
	sort.Strings(got)
	want := []string{
		"AbandonedCheckout/AbandonedCheckout.extension.ts invalid-extension-folder",
		"cart-created/cart-created.ts duplicate-event-handler",
		"checkout-completed/checkout-completed.extension.ts duplicate-extension-id",
		"contact-created/contact-created.extension.ts invalid-extension-id",
		"contact-deleted/contact-deleted.ts unknown-sdk-event",
		"contact-updated/contact-updated.ts unknown-sdk-module",
		"current-cart-created/current-cart-created.ts duplicate-event-handler",
		"order-approved/order-approved.extension.ts missing-source",
		"order-canceled/order-canceled.extension.ts unregistered-extension",
		"order-created/order-created.ts missing-default-export",
		"order-paid/order-paid.extension.ts duplicate-extension-id",
		"order-transactions/order-transactions.ts deprecated-event",
		"order-transactions/order-transactions.ts unknown-payload-field",
		"send-receipt/send-receipt.ts handler-not-event",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sample app diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
