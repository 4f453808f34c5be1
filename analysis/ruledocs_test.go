package analysis

import (
	"strings"
	"testing"
)

// TestEveryRuleLinksAPage: each rule code has a page, a dev.wix.com one for
// every rule but the three whose subject is this tool (syntax, config),
// which link their section of docs/rules.md.
func TestEveryRuleLinksAPage(t *testing.T) {
	for _, r := range Rules {
		u := RuleURL(r.Code)
		switch r.Code {
		case "syntax-error", "syntax-not-checked", "invalid-config":
			if u != rulesDoc+r.Code {
				t.Errorf("%s links %s, want its section of docs/rules.md", r.Code, u)
			}
		default:
			if !strings.HasPrefix(u, "https://dev.wix.com/docs/") {
				t.Errorf("%s links %s, want a dev.wix.com page", r.Code, u)
			}
		}
	}
	for code := range ruleDocs {
		found := false
		for _, r := range Rules {
			found = found || r.Code == code
		}
		if !found {
			t.Errorf("ruleDocs has %s, which is no rule", code)
		}
	}
	if got := DocsURL(Diagnostic{Code: "deprecated-event", Href: "https://dev.wix.com/docs/velo/x"}); got != "https://dev.wix.com/docs/velo/x" {
		t.Errorf("a diagnostic's own page lost to its rule's: %s", got)
	}
}
