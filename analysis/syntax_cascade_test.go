package analysis

import (
	"strings"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/index"
)

// TestSyntaxCascade: esbuild's knock-on errors are dropped, each cause is
// kept once (the marker fixtures cannot tell two errors at one place from
// one, so this counts them).
func TestSyntaxCascade(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string // the messages, in order
	}{
		{"pasted twice", "export function wixA_onB(e) {}\nexport function wixA_onC(e) {}\nexport function wixA_onB(e) {}\nexport function wixA_onC(e) {}\n",
			[]string{`Multiple exports with the same name "wixA_onB"`, `Multiple exports with the same name "wixA_onC"`}},
		{"declared three times", "export async function wixA_onB(e) {\n  const r = await f();\n  const r = await g();\n  const r = await h();\n}\n",
			[]string{`The symbol "r" has already been declared`}},
		{"after the first cause", "export function wixA_onB(e) {\n  const r = await f();\n  const r = await g();\n}\n",
			[]string{`"await" can only be used inside an "async" function`}},
		{"before the first cause", "const a = 1;\nconst a = 2;\nexport function wixA_onB(e) { await f(); }\n",
			[]string{`The symbol "a" has already been declared`, `"await" can only be used inside an "async" function`}},
		{"other errors all kept", "const package = 1;\nexport function wixA_onB(e) { return package; }\n",
			[]string{`"package" is a reserved word`, `"package" is a reserved word`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := SyntaxCheck(index.NewFile("/w", "/w/backend/events.js", tc.text, 1, true))
			if len(ds) != len(tc.want) {
				var got []string
				for _, d := range ds {
					got = append(got, d.Message)
				}
				t.Fatalf("got %d errors %q, want %d %q", len(ds), got, len(tc.want), tc.want)
			}
			for i, d := range ds {
				if !strings.HasPrefix(d.Message, tc.want[i]) {
					t.Errorf("error %d: %q, want %q…", i, d.Message, tc.want[i])
				}
			}
		})
	}
}
