package sample

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// Validate checks a JSON document against root: every required field
// present, no field a closed type lacks, every value of its field's type
// (strings, numbers, booleans, ISO dates, enum values, arrays, objects, a
// union's alternatives), at most one field of each `…OneOf` group. It
// returns one line per problem, with its path.
func Validate(cat *catalog.Catalog, root *catalog.Type, doc []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	var errs []string
	validateObject(cat, root, v, "event", &errs)
	return errs
}

func validateObject(cat *catalog.Catalog, t *catalog.Type, v any, at string, errs *[]string) {
	obj, ok := v.(map[string]any)
	if !ok {
		*errs = append(*errs, fmt.Sprintf("%s: want an object (%s)", at, t.Name))
		return
	}
	for k := range obj {
		if t.Field(k) == nil && !t.Open {
			*errs = append(*errs, fmt.Sprintf("%s: %s has no field %q", at, t.Name, k))
		}
	}
	for _, g := range t.OneOf {
		var set []string
		for _, name := range g {
			if _, ok := obj[name]; ok {
				set = append(set, name)
			}
		}
		if len(set) > 1 {
			*errs = append(*errs, fmt.Sprintf("%s: %s are alternatives (one of)", at, strings.Join(set, ", ")))
		}
	}
	inGroup := map[string]bool{}
	for _, g := range t.OneOf {
		for _, name := range g {
			inGroup[name] = true
		}
	}
	for i := range t.Fields {
		f := &t.Fields[i]
		val, present := obj[f.Name]
		if !present {
			if !f.Optional && !inGroup[f.Name] && f.Type.Name != catalog.TypeFunction {
				*errs = append(*errs, fmt.Sprintf("%s: required field %q missing", at, f.Name))
			}
			continue
		}
		p := at + "." + f.Name
		if val == nil {
			if !f.Nullable && !f.Optional {
				*errs = append(*errs, p+": null")
			}
			continue
		}
		if f.Type.Array {
			arr, ok := val.([]any)
			if !ok {
				*errs = append(*errs, p+": want an array")
				continue
			}
			for j, el := range arr {
				validateValue(cat, catalog.TypeRef{Name: f.Type.Name}, el, fmt.Sprintf("%s[%d]", p, j), errs)
			}
			continue
		}
		validateValue(cat, f.Type, val, p, errs)
	}
}

func validateValue(cat *catalog.Catalog, r catalog.TypeRef, v any, at string, errs *[]string) {
	bad := func(want string) { *errs = append(*errs, fmt.Sprintf("%s: want %s, got %v", at, want, v)) }
	switch r.Name {
	case catalog.TypeString:
		if _, ok := v.(string); !ok {
			bad("a string")
		}
		return
	case catalog.TypeNumber:
		if _, ok := v.(json.Number); !ok {
			bad("a number")
		}
		return
	case catalog.TypeBoolean:
		if _, ok := v.(bool); !ok {
			bad("a boolean")
		}
		return
	case catalog.TypeDate:
		s, ok := v.(string)
		if _, err := time.Parse(time.RFC3339, s); !ok || err != nil {
			bad("an ISO date")
		}
		return
	case catalog.TypeAny, catalog.TypeFunction, "":
		return
	}
	t := cat.TypeOf(r)
	if t == nil {
		*errs = append(*errs, fmt.Sprintf("%s: type %s not in the catalog", at, r.Name))
		return
	}
	switch t.Kind {
	case catalog.KindEnum:
		s, ok := v.(string)
		if !ok || !contains(t.Values, s) {
			bad("one of " + t.Name)
		}
	case catalog.KindUnion:
		for _, a := range t.Alts {
			var sub []string
			if a.Array {
				arr, ok := v.([]any)
				if !ok {
					continue
				}
				for _, el := range arr {
					validateValue(cat, catalog.TypeRef{Name: a.Name}, el, at, &sub)
				}
			} else {
				validateValue(cat, a, v, at, &sub)
			}
			if len(sub) == 0 {
				return
			}
		}
		bad("one of the alternatives of " + t.Name)
	default:
		validateObject(cat, t, v, at, errs)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
