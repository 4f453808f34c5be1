package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestSampleCommand(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		stdout   string // a fragment of the JSON
		stderr   string
		wantJSON bool
	}{
		{[]string{"sample", "wixBilling_onInvoicePaid"}, 0, `"version": 1`, "Invoice", true},
		{[]string{"sample", "@wix/crm", "contacts.onContactCreated"}, 0, `"eventType": "wix.contacts.v4.contact_created"`, "ContactCreatedEnvelope", true},
		{[]string{"sample", "wixEcom_onOrderApproved"}, 0, `"order": {`, "as the SDK event @wix/ecom orders.onOrderApproved", true},
		{[]string{"sample", "wixBiling_onInvoicePaid"}, 1, "", "did you mean wixBilling_onInvoicePaid?", false},
		{[]string{"sample", "@wix/crm", "contacts.onContactCreatd"}, 1, "", "did you mean contacts.onContactCreated?", false},
		{[]string{"sample"}, 2, "", "usage:", false},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		code := run(tt.args, nil, &out, &errOut)
		if code != tt.code || !strings.Contains(out.String(), tt.stdout) || !strings.Contains(errOut.String(), tt.stderr) {
			t.Errorf("%v: exit %d, stdout %.200q, stderr %q; want exit %d, stdout with %q, stderr with %q", tt.args, code, out.String(), errOut.String(), tt.code, tt.stdout, tt.stderr)
		}
		if tt.wantJSON && !json.Valid(out.Bytes()) {
			t.Errorf("%v: stdout is not JSON", tt.args)
		}
	}
}
