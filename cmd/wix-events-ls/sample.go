package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	eventsample "github.com/wix-events-ls/wix-events-ls/catalog/sample"
)

// sampleCmd prints a realistic event for a Velo handler or an SDK event,
// following its payload schema:
//
//	wix-events-ls sample wixBilling_onInvoicePaid
//	wix-events-ls sample @wix/crm contacts.onContactCreated
//
// The JSON goes to stdout (ready to paste into functional testing or a
// unit test); which catalog entry it follows goes to stderr.
func sampleCmd(args []string, stdout, stderr io.Writer) int {
	var (
		doc   []byte
		about string
		err   error
	)
	cat := catalog.Default()
	switch {
	case len(args) == 1 && !strings.HasPrefix(args[0], "@") && !strings.HasPrefix(args[0], "-"):
		doc, about, err = eventsample.ForHandler(cat, args[0])
	case len(args) == 2 && strings.HasPrefix(args[0], "@"):
		doc, about, err = eventsample.ForSDK(cat, args[0], args[1])
	default:
		fmt.Fprint(stderr, `usage:
  wix-events-ls sample <handler>                           a Velo handler's event, e.g. wixBilling_onInvoicePaid
  wix-events-ls sample <@wix/package> <namespace>.<export> an SDK event, e.g. @wix/crm contacts.onContactCreated
`)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "wix-events-ls sample: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "sample event of %s\n", about)
	stdout.Write(doc)
	return 0
}
