package analysis

// ruleDocs is the page that explains each rule's subject, shown as the
// diagnostic code's link (an editor's Problems panel makes the code
// clickable). A diagnostic may carry a more specific page (the event's own
// docs page, in Href); a rule whose subject has no dev.wix.com page links to
// its section of docs/rules.md.
var ruleDocs = map[string]string{
	"unknown-handler":          veloHandlersDocs,
	"duplicate-handler":        veloHandlersDocs,
	"unsupported-export":       "https://dev.wix.com/docs/develop-websites-sdk/code-your-site/code-with-java-script/module-export-syntax",
	"deprecated-event":         veloHandlersDocs,
	"removed-event":            veloHandlersDocs,
	"data-hook-in-events":      "https://dev.wix.com/docs/develop-websites/articles/databases/wix-data/hooks/using-data-hooks",
	"sdk-registration-in-site": "https://dev.wix.com/docs/develop-websites/articles/coding-with-velo/backend-code/events/about-backend-events",
	"handler-outside-events":   veloHandlersDocs,
	"invalid-extension-id":     cliDocs,
	"duplicate-extension-id":   cliDocs,
	"duplicate-event-handler":  cliDocs,
	"missing-source":           cliDocs,
	"unregistered-extension":   cliDocs,
	"missing-default-export":   cliDocs,
	"handler-not-event":        cliDocs,
	"invalid-extension-folder": cliDocs,
	"unknown-sdk-module":       "https://dev.wix.com/docs/sdk",
	"unknown-sdk-event":        "https://dev.wix.com/docs/sdk",
	"needs-elevation":          elevateDocsCLI,
	"sub-requests-in-loop":     CLILimitsDocs,
	"unknown-payload-field":    "https://dev.wix.com/docs/develop-websites/articles/coding-with-velo/backend-code/events/about-backend-events",
}

// veloHandlersDocs is the Velo article on naming and exporting handlers.
const veloHandlersDocs = "https://dev.wix.com/docs/develop-websites/articles/coding-with-velo/backend-code/events/define-backend-event-handlers"

// rulesDoc is docs/rules.md (generated from Rules), whose section of a rule
// is the link for rules with no docs page of their own (syntax-error,
// invalid-config, and any rule added later).
const rulesDoc = "https://github.com/wix-events-ls/wix-events-ls/blob/main/docs/rules.md#"

// DocsURL is the page a diagnostic's code links to: its own Href, else its
// rule's page, else the rule's section of docs/rules.md.
func DocsURL(d Diagnostic) string {
	if d.Href != "" {
		return d.Href
	}
	return RuleURL(d.Code)
}

// RuleURL is a rule's page: the dev.wix.com page for its subject, else its
// section of docs/rules.md.
func RuleURL(code string) string {
	if u, ok := ruleDocs[code]; ok {
		return u
	}
	return rulesDoc + code
}
