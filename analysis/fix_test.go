package analysis

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/wix-events-ls/wix-events-ls/index"
)

// applyFix applies a fix's edits to the workspace texts and returns the new
// text of every touched file (slash paths relative to root).
func applyFix(t *testing.T, ws *index.Workspace, root string, fx Fix) map[string]string {
	t.Helper()
	byPath := map[string][]Edit{}
	for _, e := range fx.Edits {
		byPath[e.Path] = append(byPath[e.Path], e)
	}
	out := map[string]string{}
	for p, es := range byPath {
		text := ""
		if f := ws.File(p); f != nil {
			text = f.Text()
		}
		// Apply from the end so earlier spans stay valid.
		sort.Slice(es, func(i, j int) bool { return es[i].Span.Start > es[j].Span.Start })
		for _, e := range es {
			text = text[:e.Span.Start] + e.NewText + text[e.Span.End:]
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = text
	}
	return out
}

func TestFixes(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		now   string // YYYY-MM-DD; empty: markerNow
		code  string
		title string
		want  map[string]string
	}{
		{
			name:  "unknown handler renamed",
			files: map[string]string{"src/backend/events.js": "export function wixBiling_onInvoicePaid(event) {}\n"},
			code:  "unknown-handler", title: "Replace with wixBilling_onInvoicePaid",
			want: map[string]string{"src/backend/events.js": "export function wixBilling_onInvoicePaid(event) {}\n"},
		},
		{
			name:  "re-exported import wrapped in a function",
			files: map[string]string{"src/backend/events.js": "import { h } from '@acme/billing-handlers';\nexport const wixBilling_onInvoicePaid = h;\n"},
			code:  "unsupported-export", title: "Rewrite as an exported function Wix can call",
			want: map[string]string{"src/backend/events.js": "import { h } from '@acme/billing-handlers';\nexport function wixBilling_onInvoicePaid(event) {\n  return h(event);\n}\n"},
		},
		{
			name:  "dynamic export evaluated once, then wrapped",
			files: map[string]string{"src/backend/events.js": "export const wixBilling_onInvoicePaid = make('x');\n"},
			code:  "unsupported-export", title: "Rewrite as an exported function Wix can call",
			want: map[string]string{"src/backend/events.js": "const _wixBilling_onInvoicePaid = make('x');\nexport function wixBilling_onInvoicePaid(event) {\n  return _wixBilling_onInvoicePaid(event);\n}\n"},
		},
		{
			name:  "data hook moved to a new data.js",
			files: map[string]string{"src/backend/events.js": "export function a() {}\nexport function Orders_beforeInsert(item) {\n  return item;\n}\nexport function b() {}\n"},
			code:  "data-hook-in-events", title: "Move Orders_beforeInsert to data.js",
			want: map[string]string{
				"src/backend/events.js": "export function a() {}\nexport function b() {}\n",
				"src/backend/data.js":   "export function Orders_beforeInsert(item) {\n  return item;\n}\n",
			},
		},
		{
			name: "data hook appended to an existing data.js",
			files: map[string]string{
				"src/backend/events.js": "export function Orders_afterUpdate(item) { return item; }\n",
				"src/backend/data.js":   "export function Orders_beforeInsert(item) { return item; }",
			},
			code: "data-hook-in-events", title: "Move Orders_afterUpdate to data.js",
			want: map[string]string{
				"src/backend/events.js": "",
				"src/backend/data.js":   "export function Orders_beforeInsert(item) { return item; }\n\nexport function Orders_afterUpdate(item) { return item; }\n",
			},
		},
		{
			name:  "SDK registration rewritten as a Velo handler",
			files: map[string]string{"src/backend/events.js": "import { invoices } from '@wix/billing';\ninvoices.onInvoicePaid((event) => {\n  console.log(event);\n});\n"},
			code:  "sdk-registration-in-site", title: "Rewrite as the Velo handler wixBilling_onInvoicePaid",
			want: map[string]string{"src/backend/events.js": "import { invoices } from '@wix/billing';\nexport const wixBilling_onInvoicePaid = (event) => {\n  console.log(event);\n};\n"},
		},
		{
			name:  "removed v1 event migrated to its replacement",
			files: map[string]string{"src/backend/events.js": "export async function wixStores_onOrderPaid(event) {\n  await notify(event);\n}\n"},
			code:  "removed-event", title: "Migrate to wixEcom_onOrderPaymentStatusUpdated (its payload differs: review the handler body)",
			want: map[string]string{"src/backend/events.js": "export async function wixEcom_onOrderPaymentStatusUpdated(event) {\n  await notify(event);\n}\n"},
		},
		{
			name:  "deprecated v1 event migrated before its removal date",
			files: map[string]string{"src/backend/events.js": "export const wixStores_onCartCompleted = (event) => {};\n"},
			now:   "2024-01-15",
			code:  "deprecated-event", title: "Migrate to wixEcom_onCheckoutCompleted (its payload differs: review the handler body)",
			want: map[string]string{"src/backend/events.js": "export const wixEcom_onCheckoutCompleted = (event) => {};\n"},
		},
		{
			name:  "CommonJS export rewritten",
			files: map[string]string{"src/backend/events.js": "exports.wixBilling_onInvoicePaid = async function (event) {};\n"},
			code:  "unsupported-export", title: "Rewrite as an ES module export",
			want: map[string]string{"src/backend/events.js": "export const wixBilling_onInvoicePaid = async function (event) {};\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			for name, text := range tt.files {
				p := filepath.Join(root, filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, []byte(text), 0o644)
			}
			ws := index.New(index.Options{KeepCall: KeepCall})
			ws.AddRoot(root)
			if _, err := ws.Walk(context.Background(), root, nil); err != nil {
				t.Fatal(err)
			}
			an := New(ws)
			now := markerNow
			if tt.now != "" {
				now, _ = time.Parse("2006-01-02", tt.now)
			}
			an.Now = func() time.Time { return now }
			for _, f := range ws.Files() {
				for _, d := range an.File(f) {
					if d.Code != tt.code {
						continue
					}
					for _, fx := range d.Fixes {
						if fx.Title != tt.title {
							continue
						}
						got := applyFix(t, ws, root, fx)
						for k, v := range tt.want {
							if got[k] != v {
								t.Errorf("%s after fix:\n%q\nwant:\n%q", k, got[k], v)
							}
						}
						if len(got) != len(tt.want) {
							t.Errorf("fix touched %d files, want %d", len(got), len(tt.want))
						}
						return
					}
					t.Fatalf("%s has fixes %v, want %q", d.Code, fixTitles(d), tt.title)
				}
			}
			t.Fatalf("no %s diagnostic", tt.code)
		})
	}
}
