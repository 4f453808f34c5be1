package catalog

// Who may call each Wix API method: the identities and permissions the SDK
// typings state for every function of the packages the generator reads
// (@wix/crm contacts.getContact: CONTACTS.VIEW, APP only), and, for Velo
// backend modules, the restrictions their docs pages state (wix-crm-backend
// contacts.getContact: "Only visitors with Manage Contacts permissions …").
//
// The data is a second generated file, methods.gen.json, decoded on first
// use only: the catalog's startup load (Default) never touches it, so the
// events catalog's load time is unchanged. See README.md "Method
// permissions".

import (
	_ "embed"
	"encoding/json"
	"strings"
	"sync"
)

//go:embed methods.gen.json
var embeddedMethods string

// Identity values of Method.Identities, as the typings spell them.
const (
	IdentityApp    = "APP"    // a Wix app or Wix user identity (an elevated call has it)
	IdentityMember = "MEMBER" // a logged-in site member
)

// Method is one Wix API function and who may call it.
type Method struct {
	Package   string `json:"package,omitempty"`   // @wix/crm, or a Velo module: wix-crm-backend
	Namespace string `json:"namespace,omitempty"` // contacts ("" for a module-level Velo function)
	Name      string `json:"name"`                // getContact
	// Permissions are the @permissionId values (CONTACTS.VIEW).
	Permissions []string `json:"permissions,omitempty"`
	// Identities are the @applicableIdentity values: the identities that
	// may call the method directly. Empty: the typings state no identity
	// restriction (which is not a promise that anyone may call it).
	Identities []string `json:"identities,omitempty"`
	Deprecated bool     `json:"deprecated,omitempty"`
	Hidden     bool     `json:"hidden,omitempty"` // @internal / @hidden
	// Overloaded is set when the name has several declarations and not all
	// of them state an identity restriction (wix-data items.query): the
	// identities are then left out, since a call cannot be matched to one
	// overload without types.
	Overloaded bool `json:"overloaded,omitempty"`
	// Restriction is, for Velo methods, what the docs page says about who
	// may call it, in its words (one line).
	Restriction string `json:"restriction,omitempty"`
	// SuppressAuth is true for Velo methods whose page says the
	// `suppressAuth` option overrides the restriction.
	SuppressAuth bool `json:"suppressAuth,omitempty"`
	// OptionsArg is the 1-based position of the options parameter that
	// carries suppressAuth (0: none).
	OptionsArg int `json:"optionsArg,omitempty"`
	// Docs is the method's reference page. For SDK methods it is derived
	// (DocsURL) and not stored.
	Docs string `json:"docs,omitempty"`
	// Evidence names the package file or docs page the facts come from.
	Evidence string `json:"evidence,omitempty"`
}

// Velo reports whether m is a Velo backend module's method (from a docs
// page) rather than an SDK function (from the typings).
func (m *Method) Velo() bool { return !strings.HasPrefix(m.Package, "@") }

// Restricted reports whether the typings or the docs page state that m
// cannot be called by a caller without an identity of its own, such as an
// event handler: an SDK method callable only by some identities (APP,
// MEMBER), or a Velo method whose page states a restriction.
func (m *Method) Restricted() bool {
	if m == nil {
		return false
	}
	if m.Velo() {
		return m.Restriction != ""
	}
	return len(m.Identities) > 0
}

// AppOnly reports whether the typings name APP as the only identity that
// may call m directly.
func (m *Method) AppOnly() bool {
	return len(m.Identities) == 1 && m.Identities[0] == IdentityApp
}

// Key is "package namespace.name" (Velo module functions: "module name").
func (m *Method) Key() string {
	if m.Namespace == "" {
		return m.Package + " " + m.Name
	}
	return m.Package + " " + m.Namespace + "." + m.Name
}

// DocsURL is the method's reference page: the docs page of a Velo method,
// or the SDK's backend-modules page, whose address follows
// https://dev.wix.com/docs/sdk/backend-modules/<package>/<namespace-kebab>/<method-kebab>
// (seen for crm/contacts/get-contact and ecom/abandoned-checkouts/…).
func (m *Method) DocsURL() string {
	if m.Docs != "" || m.Velo() {
		return m.Docs
	}
	pkg := strings.TrimPrefix(m.Package, "@wix/")
	return "https://dev.wix.com/docs/sdk/backend-modules/" + pkg + "/" + DocsSlug(m.Namespace) + "/" + DocsSlug(m.Name)
}

// DocsSlug turns a camelCase name into its dev.wix.com page slug:
// onGroupCreated → on-group-created, abandonedCheckouts →
// abandoned-checkouts, productsV3 → products-v3 (digits stay with the
// letters before them). The SDK reference's namespace folders, method and
// event pages, and the Velo v1 event pages are all named this way.
func DocsSlug(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// MethodsFile is the on-disk form of methods.gen.json, exported for the
// generator. SDK methods are grouped by namespace so each group states its
// package, namespace and evidence once.
type MethodsFile struct {
	Generated string `json:"generated"`
	Version   string `json:"version"`
	// SDK: one group per package namespace.
	SDK []MethodGroup `json:"sdk"`
	// Velo: one entry per method, each citing its page.
	Velo []*Method `json:"velo"`
}

// MethodGroup is the methods of one SDK namespace.
type MethodGroup struct {
	Package   string    `json:"package"`
	Namespace string    `json:"namespace"`
	Evidence  string    `json:"evidence,omitempty"` // when every method shares it
	Methods   []*Method `json:"methods"`
}

// Methods is the index of method permissions, built on first use.
type Methods struct {
	version string
	byKey   map[string]*Method // Key()
	n       int
}

var (
	methodsOnce sync.Once
	methodsIdx  *Methods
)

// DefaultMethods returns the embedded method permissions, decoded on the
// first call (a few milliseconds); callers reach it only when a file has a
// Wix API call to look up. It panics if the embedded data is corrupt, which
// the package tests rule out.
func DefaultMethods() *Methods {
	methodsOnce.Do(func() {
		m, err := ParseMethods([]byte(embeddedMethods))
		if err != nil {
			panic("catalog: embedded methods: " + err.Error())
		}
		methodsIdx = m
	})
	return methodsIdx
}

// ParseMethods decodes data in the methods.gen.json format.
func ParseMethods(data []byte) (*Methods, error) {
	var f MethodsFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	ms := &Methods{version: f.Version, byKey: map[string]*Method{}}
	for gi := range f.SDK {
		g := &f.SDK[gi]
		for _, m := range g.Methods {
			m.Package, m.Namespace = g.Package, g.Namespace
			if m.Evidence == "" {
				m.Evidence = g.Evidence
			}
			ms.byKey[m.Key()] = m
		}
	}
	for _, m := range f.Velo {
		ms.byKey[m.Key()] = m
	}
	ms.n = len(ms.byKey)
	return ms, nil
}

// Method returns pkg ns.name ("@wix/crm", "contacts", "getContact"; a Velo
// module's own function: ns ""), or nil when not recorded.
func (ms *Methods) Method(pkg, ns, name string) *Method {
	if ms == nil {
		return nil
	}
	m := &Method{Package: pkg, Namespace: ns, Name: name}
	return ms.byKey[m.Key()]
}

// Len is the number of methods recorded.
func (ms *Methods) Len() int { return ms.n }

// Version is the generator's version line for the method data.
func (ms *Methods) Version() string { return ms.version }

// All returns every method, in no particular order.
func (ms *Methods) All() []*Method {
	out := make([]*Method, 0, len(ms.byKey))
	for _, m := range ms.byKey {
		out = append(out, m)
	}
	return out
}

// Method looks up an API method's permissions; the events catalog and the
// method data are generated together, so any Catalog answers from the
// embedded method data.
func (c *Catalog) Method(pkg, ns, name string) *Method {
	return DefaultMethods().Method(pkg, ns, name)
}

// IsHandler reports whether name is a known Velo handler name, without
// Lookup's copy (the elevation rule asks it for every export of an
// events.js on every keystroke).
func (c *Catalog) IsHandler(name string) bool { return len(c.byName[name]) > 0 }
