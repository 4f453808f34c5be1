// Package sample writes realistic example events from the catalog's
// payload schemas, for pasting into Velo's functional testing or feeding a
// unit test: GUIDs for ids, ISO dates, the first value of an enum, every
// required field, optional fields to a sensible depth, one element per
// array, one alternative per `…OneOf` group. The output is deterministic:
// the same event always gives the same text.
//
// Validate checks a JSON value against a schema; the package's tests walk
// every catalog entry's sample through it.
package sample

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// optionalDepth is how deep optional fields are filled in; below it only
// required ones are (an order has 581 paths to depth 4: a sample with all
// of them would be longer than useful).
const optionalDepth = 4

// maxDepth stops a type that requires itself.
const maxDepth = 12

// JSON returns a sample of root as indented JSON (nil root: nil).
func JSON(cat *catalog.Catalog, root *catalog.Type) []byte { return Event(cat, root, "") }

// Event is JSON with the event's type (an SDK event's "wix.crm…" name)
// written into metadata.eventType.
func Event(cat *catalog.Catalog, root *catalog.Type, eventType string) []byte {
	if root == nil {
		return nil
	}
	w := &writer{cat: cat, eventType: eventType}
	w.object(root, nil, 0, map[*catalog.Type]bool{})
	var out bytes.Buffer
	if err := json.Indent(&out, w.buf.Bytes(), "", "  "); err != nil {
		return w.buf.Bytes()
	}
	out.WriteByte('\n')
	return out.Bytes()
}

type writer struct {
	cat       *catalog.Catalog
	eventType string
	buf       bytes.Buffer
}

func (w *writer) str(s string) {
	b, _ := json.Marshal(s)
	w.buf.Write(b)
}

// object writes an object type's fields.
func (w *writer) object(t *catalog.Type, path []string, depth int, onPath map[*catalog.Type]bool) {
	onPath[t] = true
	defer delete(onPath, t)
	skip := map[string]bool{}
	for _, g := range t.OneOf {
		for _, name := range g[1:] {
			skip[name] = true // one alternative of each group is set
		}
	}
	w.buf.WriteByte('{')
	n := 0
	for i := range t.Fields {
		f := &t.Fields[i]
		if skip[f.Name] || f.Type.Name == catalog.TypeFunction {
			continue
		}
		if f.Optional && depth >= optionalDepth {
			continue
		}
		if f.Optional && w.recursive(f.Type, onPath) {
			continue
		}
		if n > 0 {
			w.buf.WriteByte(',')
		}
		n++
		w.str(f.Name)
		w.buf.WriteByte(':')
		p := append(path, f.Name)
		if f.Type.Array {
			w.buf.WriteByte('[')
			w.value(f, catalog.TypeRef{Name: f.Type.Name}, p, depth+1, onPath)
			w.buf.WriteByte(']')
			continue
		}
		w.value(f, f.Type, p, depth+1, onPath)
	}
	w.buf.WriteByte('}')
}

// recursive reports whether r names a type already being written.
func (w *writer) recursive(r catalog.TypeRef, onPath map[*catalog.Type]bool) bool {
	t := w.cat.TypeOf(catalog.TypeRef{Name: r.Name})
	return t != nil && onPath[t]
}

// value writes one value of type r for field f at path.
func (w *writer) value(f *catalog.PayloadField, r catalog.TypeRef, path []string, depth int, onPath map[*catalog.Type]bool) {
	switch r.Name {
	case catalog.TypeString:
		if f.Name == "eventType" && w.eventType != "" {
			w.str(w.eventType)
			return
		}
		if len(f.Values) > 0 {
			w.str(f.Values[0])
			return
		}
		w.str(stringFor(f, path))
		return
	case catalog.TypeNumber:
		w.buf.WriteString(numberFor(f.Name))
		return
	case catalog.TypeBoolean:
		w.buf.WriteString("false")
		return
	case catalog.TypeDate:
		w.str(sampleDate)
		return
	case catalog.TypeAny, catalog.TypeFunction, "":
		w.buf.WriteString("{}")
		return
	}
	t := w.cat.TypeOf(r)
	if t == nil || depth > maxDepth {
		w.buf.WriteString("{}")
		return
	}
	switch t.Kind {
	case catalog.KindEnum:
		if len(t.Values) > 0 {
			w.str(t.Values[0])
		} else {
			w.str("")
		}
	case catalog.KindUnion:
		if len(t.Alts) == 0 {
			w.buf.WriteString("null")
			return
		}
		a := t.Alts[0]
		if a.Array {
			w.buf.WriteByte('[')
			w.value(f, catalog.TypeRef{Name: a.Name}, path, depth+1, onPath)
			w.buf.WriteByte(']')
			return
		}
		w.value(f, a, path, depth, onPath)
	default:
		w.object(t, path, depth, onPath)
	}
}

// sampleDate is the one date every sample uses.
const sampleDate = "2026-01-15T10:30:00.000Z"

// stringFor picks a realistic string for a field by its name.
func stringFor(f *catalog.PayloadField, path []string) string {
	name := f.Name
	l := strings.ToLower(name)
	switch {
	case f.GUID || l == "id" || l == "_id" || strings.HasSuffix(name, "Id") || strings.HasSuffix(l, "_id"):
		return guid(strings.Join(path, "."))
	case strings.Contains(l, "email"):
		return "jane.doe@example.com"
	case strings.Contains(l, "phone"):
		return "+1-555-0100"
	case strings.HasSuffix(l, "url") || strings.Contains(l, "link"):
		return "https://www.example.com"
	case l == "currency" || strings.HasSuffix(l, "currency"):
		return "USD"
	case strings.HasSuffix(l, "date") || strings.HasSuffix(l, "time") || strings.HasSuffix(l, "at"):
		return sampleDate
	case strings.HasPrefix(l, "formatted"):
		return "$10.00"
	case strings.Contains(l, "amount") || strings.Contains(l, "price") || l == "total" || l == "subtotal" || l == "tax":
		return "10.00"
	case l == "country" || strings.HasSuffix(l, "countrycode"):
		return "US"
	case l == "first" || l == "firstname":
		return "Jane"
	case l == "last" || l == "lastname":
		return "Doe"
	case l == "city":
		return "New York"
	case l == "locale" || l == "language":
		return "en"
	case l == "eventtype":
		return "wix.sample.v1.event"
	}
	return "sample " + name
}

func numberFor(name string) string {
	l := strings.ToLower(name)
	switch {
	case strings.Contains(l, "quantity") || strings.Contains(l, "count") || strings.Contains(l, "number") || l == "version":
		return "1"
	case strings.Contains(l, "amount") || strings.Contains(l, "price") || strings.Contains(l, "total"):
		return "10"
	}
	return "1"
}

// guid is a stable version-4-shaped GUID for a path.
func guid(seed string) string {
	h := sha256.Sum256([]byte(seed))
	h[6] = h[6]&0x0f | 0x40
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
