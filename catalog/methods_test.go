package catalog

import (
	"strings"
	"testing"
)

func TestMethodsEmbedded(t *testing.T) {
	ms := DefaultMethods()
	if ms.Len() < 1000 {
		t.Fatalf("only %d methods recorded", ms.Len())
	}
	m := Default().Method("@wix/crm", "contacts", "getContact")
	if m == nil {
		t.Fatal("@wix/crm contacts.getContact not recorded")
	}
	if !m.AppOnly() || !m.Restricted() || len(m.Permissions) == 0 || m.Permissions[0] != "CONTACTS.VIEW" {
		t.Errorf("getContact = %+v", m)
	}
	if got, want := m.DocsURL(), "https://dev.wix.com/docs/sdk/backend-modules/crm/contacts/get-contact"; got != want {
		t.Errorf("DocsURL = %s, want %s", got, want)
	}
	if !strings.HasPrefix(m.Evidence, "npm:@wix/auto_sdk_crm_contacts@") {
		t.Errorf("evidence = %s", m.Evidence)
	}
	// wix-data's items.query has an overload that states nothing.
	if q := ms.Method("@wix/data", "items", "query"); q == nil || q.Restricted() || !q.Overloaded {
		t.Errorf("items.query = %+v", q)
	}
	if ms.Method("@wix/crm", "contacts", "noSuchMethod") != nil {
		t.Error("unknown method found")
	}
	for _, m := range ms.All() {
		if m.Evidence == "" || m.DocsURL() == "" || m.Name == "" || m.Package == "" {
			t.Errorf("incomplete: %+v", m)
		}
		if m.Velo() && !strings.HasPrefix(m.Docs, "https://dev.wix.com/docs/") {
			t.Errorf("Velo method without a docs page: %+v", m)
		}
	}
}

func TestKebabName(t *testing.T) {
	for in, want := range map[string]string{"getContact": "get-contact", "abandonedCheckouts": "abandoned-checkouts", "items": "items"} {
		if got := DocsSlug(in); got != want {
			t.Errorf("DocsSlug(%s) = %s, want %s", in, got, want)
		}
	}
}
