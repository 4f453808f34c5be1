package analysis

import (
	"strings"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/index"
)

// TestSyntaxBounds: a file nested past MaxNesting, or with more tokens than
// MaxSyntaxTokens, is never given to esbuild (which would overflow its
// stack, or take hundreds of MB): one syntax-not-checked diagnostic, alone
// (Check) and in a batch (CheckAll), where the other files are checked.
func TestSyntaxBounds(t *testing.T) {
	deep := index.NewFile("/ws", "/ws/src/backend/events.js", "x = "+strings.Repeat("(", MaxNesting+10), 0, false)
	wide := index.NewFile("/ws", "/ws/src/backend/data.js", strings.Repeat("a;", MaxSyntaxTokens/2+10), 0, false)
	broken := index.NewFile("/ws", "/ws/src/backend/util.js", "export function f( {\n", 0, false)
	justDeep := index.NewFile("/ws", "/ws/src/backend/ok.js", "x = "+strings.Repeat("[", 100)+strings.Repeat("]", 100)+";\n", 0, false)
	want := func(ds []Diagnostic, code, about string) {
		t.Helper()
		if len(ds) != 1 || ds[0].Code != code || !strings.Contains(ds[0].Message, about) {
			t.Errorf("got %+v, want one %s about %q", ds, code, about)
		}
	}
	want(SyntaxCheck(deep), "syntax-not-checked", "Nesting too deep")
	want(SyntaxCheck(wide), "syntax-not-checked", "Too many tokens")
	all := (&SyntaxChecker{}).CheckAll([]*index.File{deep, broken, wide, justDeep})
	want(all[0], "syntax-not-checked", "Nesting too deep")
	want(all[1], "syntax-error", "")
	want(all[2], "syntax-not-checked", "Too many tokens")
	if len(all[3]) != 0 {
		t.Errorf("100 balanced brackets: %+v", all[3])
	}
	for _, r := range Rules {
		if r.Code == "syntax-not-checked" && r.Default != SevInfo {
			t.Errorf("syntax-not-checked is %v, want info", r.Default)
		}
	}
}
