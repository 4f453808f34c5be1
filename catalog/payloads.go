package catalog

// Payload schemas: the type graph of what each event carries, from
// payloads.gen.json (generated beside catalog.gen.json by internal/gen).
//
// The file is embedded but never decoded as a whole: its sections are
// sorted, one entry a line, so a question is a binary search over the
// text, and each type is decoded when first asked for. A session that
// never completes `event.` pays nothing, and one that does pays for the
// types it reaches (and the pages of the text its searches touch).

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed payloads.gen.json
var embeddedPayloads string

// Primitive type names a TypeRef can carry instead of a type ID.
const (
	TypeString   = "string"
	TypeNumber   = "number"
	TypeBoolean  = "boolean"
	TypeDate     = "Date"
	TypeAny      = "any"      // not known: anything may be there
	TypeFunction = "function" // a method
)

// TypeKind tells what a Type is.
type TypeKind byte

const (
	KindObject TypeKind = 'o' // Fields
	KindEnum   TypeKind = 'e' // Values (strings)
	KindUnion  TypeKind = 'u' // Alts: the value is one of them
)

// TypeRef is a field's type: a primitive or a named Type, possibly an
// array of it. Written "string", "Invoice", "[]LineItem" in the data.
type TypeRef struct {
	Name  string // a primitive (TypeString …) or a Type ID
	Array bool
}

// Prim reports whether the reference is a primitive (no Type behind it).
func (r TypeRef) Prim() bool {
	switch r.Name {
	case TypeString, TypeNumber, TypeBoolean, TypeDate, TypeAny, TypeFunction, "":
		return true
	}
	return false
}

func (r TypeRef) String() string {
	if r.Array {
		return r.Name + "[]"
	}
	return r.Name
}

func parseRef(s string) TypeRef {
	if strings.HasPrefix(s, "[]") {
		return TypeRef{Name: s[2:], Array: true}
	}
	return TypeRef{Name: s}
}

// Type is one named payload type. Shared and immutable.
type Type struct {
	ID     string // unique in the catalog; the display name unless two types share it (Order, Order~2)
	Name   string // display name
	Kind   TypeKind
	Doc    string
	Fields []PayloadField
	Values []string  // KindEnum
	Alts   []TypeRef // KindUnion
	// Open is true when the typings allow any other member (an index
	// signature, a base type not understood): no name is certainly absent.
	Open bool
	// OneOf lists groups of fields of which at most one is set (the
	// typings' `…OneOf` bases).
	OneOf [][]string
}

// PayloadField is one member of a payload type.
type PayloadField struct {
	Name     string
	Type     TypeRef
	Optional bool // may be absent
	Nullable bool // may be null
	GUID     bool // documented as a GUID
	Doc      string
	// Values are a string field's values as its docs list them (v1 typings
	// document values instead of declaring enums); nil when not listed.
	Values []string
}

// Field returns the field called name, or nil.
func (t *Type) Field(name string) *PayloadField {
	if t == nil {
		return nil
	}
	for i := range t.Fields {
		if t.Fields[i].Name == name {
			return &t.Fields[i]
		}
	}
	return nil
}

// payloadData answers from payloads.gen.json without indexing it: each
// section (`"handlers": {`, `"sdk": {`, `"types": {`) is one entry a line,
// sorted by key, so a lookup is a binary search over the section's bytes.
// Nothing is built at first use, and only the pages a search touches are
// read into memory (~12 probes of a 0.8 MB string), not the whole file.
type payloadData struct {
	data                   string
	handlers, sdk, typesec string   // the sections' entry lines
	types                  sync.Map // type ID → *Type (decoded on first use)
}

var (
	payloadsOnce sync.Once
	payloadsData *payloadData
)

func payloads() *payloadData {
	payloadsOnce.Do(func() { payloadsData = openPayloads(embeddedPayloads) })
	return payloadsData
}

// openPayloads finds the sections of a payloads.gen.json text.
func openPayloads(data string) *payloadData {
	p := &payloadData{data: data}
	section := func(head string) string {
		i := strings.Index(data, "\n"+head+"\n")
		if i < 0 {
			return ""
		}
		rest := data[i+len(head)+2:]
		if j := strings.Index(rest, "\n}"); j >= 0 {
			return rest[:j+1]
		}
		return rest
	}
	p.handlers = section(`"handlers": {`)
	p.sdk = section(`"sdk": {`)
	p.typesec = section(`"types": {`)
	return p
}

// lookupLine finds the value of key in a section by binary search.
func lookupLine(sec, key string) (string, bool) {
	lo, hi := 0, len(sec)
	for lo < hi {
		mid := (lo + hi) / 2
		start := strings.LastIndexByte(sec[:mid], '\n') + 1
		end := strings.IndexByte(sec[mid:], '\n')
		if end < 0 {
			end = len(sec)
		} else {
			end += mid
		}
		k, val, ok := splitEntry(sec[start:end])
		if !ok {
			return "", false
		}
		switch {
		case k == key:
			return val, true
		case k < key:
			lo = end + 1
		default:
			hi = start
		}
	}
	return "", false
}

// root returns a section's type reference for key.
func (p *payloadData) root(sec, key string) (string, bool) {
	v, ok := lookupLine(sec, key)
	if !ok {
		return "", false
	}
	s, err := strconv.Unquote(v)
	return s, err == nil
}

// entries lists a section's keys (tests).
func entries(sec string) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimSuffix(sec, "\n"), "\n") {
		if k, _, ok := splitEntry(line); ok {
			out = append(out, k)
		}
	}
	return out
}

// splitEntry splits `"key": value,` into the key and the value text.
func splitEntry(line string) (key, val string, ok bool) {
	i := 1
	for i < len(line) && line[i] != '"' {
		if line[i] == '\\' {
			i++
		}
		i++
	}
	if i >= len(line) {
		return "", "", false
	}
	k, err := strconv.Unquote(line[:i+1])
	if err != nil {
		return "", "", false
	}
	rest := strings.TrimPrefix(line[i+1:], ":")
	rest = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), ","))
	return k, rest, true
}

// typeJSON is a type's encoding in payloads.gen.json.
type typeJSON struct {
	Name   string     `json:"n,omitempty"`
	Kind   string     `json:"k,omitempty"` // "" object, "e" enum, "u" union
	Doc    string     `json:"d,omitempty"`
	Fields [][]any    `json:"f,omitempty"` // [name, ref, flags, doc?, values?]; flags: 1 optional, 2 nullable, 4 GUID
	Values []string   `json:"v,omitempty"`
	Alts   []string   `json:"a,omitempty"`
	Open   int        `json:"x,omitempty"`
	OneOf  [][]string `json:"1,omitempty"`
}

// Field flags in payloads.gen.json.
const (
	FlagOptional = 1
	FlagNullable = 2
	FlagGUID     = 4
)

func (p *payloadData) typ(id string) *Type {
	if t, ok := p.types.Load(id); ok {
		return t.(*Type)
	}
	raw, ok := lookupLine(p.typesec, id)
	if !ok {
		return nil
	}
	t, err := decodeType(raw)
	if err != nil {
		return nil
	}
	t.ID = id
	if t.Name == "" {
		t.Name = id
	}
	actual, _ := p.types.LoadOrStore(id, t)
	return actual.(*Type)
}

// decodeType reads one type's line (typeJSON's shape). Its strings are
// substrings of the embedded text wherever they have no escapes, so a
// decoded type costs the heap its structure, not its docs (all 2,610 types
// decoded: 2.6 MB with encoding/json's copies).
func decodeType(raw string) (*Type, error) {
	d := &lineDecoder{s: raw}
	t := &Type{Kind: KindObject}
	err := d.object(func(key string) error {
		switch key {
		case "n":
			t.Name = d.str()
		case "k":
			switch d.str() {
			case "e":
				t.Kind = KindEnum
			case "u":
				t.Kind = KindUnion
			}
		case "d":
			t.Doc = d.str()
		case "x":
			t.Open = d.num() != 0
		case "v":
			t.Values = d.strs()
		case "a":
			for _, a := range d.strs() {
				t.Alts = append(t.Alts, parseRef(a))
			}
		case "1":
			d.array(func() { t.OneOf = append(t.OneOf, d.strs()) })
		case "f":
			d.array(func() {
				var f PayloadField
				i := 0
				d.array(func() {
					switch i {
					case 0:
						f.Name = d.str()
					case 1:
						f.Type = parseRef(d.str())
					case 2:
						flags := d.num()
						f.Optional, f.Nullable, f.GUID = flags&FlagOptional != 0, flags&FlagNullable != 0, flags&FlagGUID != 0
					case 3:
						f.Doc = d.str()
					case 4:
						f.Values = d.strs()
					default:
						d.fail()
					}
					i++
				})
				t.Fields = append(t.Fields, f)
			})
		default:
			d.fail()
		}
		return d.err
	})
	if err == nil {
		err = d.err
	}
	return t, err
}

// lineDecoder reads the small JSON subset payloads.gen.json's type lines
// use: objects, arrays, strings and integers.
type lineDecoder struct {
	s   string
	i   int
	err error
}

func (d *lineDecoder) fail() {
	if d.err == nil {
		d.err = fmt.Errorf("payloads.gen.json: unexpected input at %d of %.40q", d.i, d.s)
	}
	d.i = len(d.s)
}

func (d *lineDecoder) skipWS() {
	for d.i < len(d.s) && (d.s[d.i] == ' ' || d.s[d.i] == '\t') {
		d.i++
	}
}

func (d *lineDecoder) expect(c byte) bool {
	d.skipWS()
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}
	d.fail()
	return false
}

func (d *lineDecoder) peek(c byte) bool {
	d.skipWS()
	return d.i < len(d.s) && d.s[d.i] == c
}

func (d *lineDecoder) str() string {
	if !d.expect('"') {
		return ""
	}
	start, esc := d.i, false
	for d.i < len(d.s) && d.s[d.i] != '"' {
		if d.s[d.i] == '\\' {
			esc = true
			d.i++
		}
		d.i++
	}
	if d.i >= len(d.s) {
		d.fail()
		return ""
	}
	d.i++
	if !esc {
		return d.s[start : d.i-1]
	}
	v, err := strconv.Unquote(d.s[start-1 : d.i])
	if err != nil {
		d.fail()
	}
	return v
}

func (d *lineDecoder) num() int {
	d.skipWS()
	start := d.i
	for d.i < len(d.s) && (d.s[d.i] >= '0' && d.s[d.i] <= '9' || d.s[d.i] == '-') {
		d.i++
	}
	n, err := strconv.Atoi(d.s[start:d.i])
	if err != nil {
		d.fail()
	}
	return n
}

func (d *lineDecoder) strs() []string {
	var out []string
	d.array(func() { out = append(out, d.str()) })
	return out
}

// array calls elem for each element of an array.
func (d *lineDecoder) array(elem func()) {
	if !d.expect('[') {
		return
	}
	if d.peek(']') {
		d.i++
		return
	}
	for d.err == nil {
		elem()
		if d.peek(',') {
			d.i++
			continue
		}
		d.expect(']')
		return
	}
}

// object calls field for each key of an object.
func (d *lineDecoder) object(field func(key string) error) error {
	if !d.expect('{') {
		return d.err
	}
	if d.peek('}') {
		d.i++
		return nil
	}
	for d.err == nil {
		key := d.str()
		d.expect(':')
		if err := field(key); err != nil {
			return err
		}
		if d.peek(',') {
			d.i++
			continue
		}
		d.expect('}')
		break
	}
	return d.err
}

// TypeByID returns a payload type by its ID, or nil.
func (c *Catalog) TypeByID(id string) *Type { return payloads().typ(id) }

// TypeOf returns the type a reference names, or nil for a primitive.
func (c *Catalog) TypeOf(r TypeRef) *Type {
	if r.Prim() {
		return nil
	}
	return payloads().typ(r.Name)
}

// Payload returns the type of the event a Velo handler receives, or nil
// when the catalog has no schema for it: v1 handlers from corvid-types,
// v2 handlers through the SDK event they mirror (Handler.SDK).
func (c *Catalog) Payload(h *Handler) *Type {
	if h == nil {
		return nil
	}
	p := payloads()
	if h.Generation == V1 {
		if r, ok := p.root(p.handlers, h.Name); ok {
			return c.TypeOf(parseRef(r))
		}
		return nil
	}
	if h.SDK != "" {
		if r, ok := p.root(p.sdk, h.SDK); ok {
			return c.TypeOf(parseRef(r))
		}
	}
	return nil
}

// SDKPayload returns the type of the event an SDK event function's
// handler receives (its envelope: `{ entity, metadata }`, `{ data,
// metadata }` …), or nil.
func (c *Catalog) SDKPayload(e *SDKEvent) *Type {
	if e == nil {
		return nil
	}
	p := payloads()
	if r, ok := p.root(p.sdk, e.Package+" "+e.Namespace+"."+e.Export); ok {
		return c.TypeOf(parseRef(r))
	}
	return nil
}

// objectProtoNames are members every JavaScript object has: reading them
// is never a missing field.
var objectProtoNames = map[string]bool{
	"constructor": true, "hasOwnProperty": true, "isPrototypeOf": true, "propertyIsEnumerable": true,
	"toLocaleString": true, "toString": true, "valueOf": true, "__proto__": true, "toJSON": true,
	"__defineGetter__": true, "__defineSetter__": true, "__lookupGetter__": true, "__lookupSetter__": true,
}

// PathResult is where a member path leads from a payload's root types.
type PathResult struct {
	// Types are the object types the value at the end may have (union
	// alternatives expanded). Empty when the path ends at a primitive, an
	// array, an open value, or a missing field.
	Types []*Type
	// Field is the last step's field (the first alternative that has it);
	// nil for an empty path or a missing field.
	Field *PayloadField
	// Uncertain is set when a step went through something the schema does
	// not close (any, an open type, an array's or a primitive's members):
	// nothing past it is known.
	Uncertain bool
	// Missing is the index of the first step that no alternative has, -1
	// when none; Parent are the types that lack it (for did-you-mean).
	Missing int
	Parent  []*Type
}

// Walk follows path (field names) from roots. A name is reported missing
// only when every alternative at that step is a closed object type without
// it.
func (c *Catalog) Walk(roots []*Type, path []string) PathResult {
	res := PathResult{Missing: -1}
	cur, open := c.expand(roots, nil)
	for i := 0; i < len(path); i++ {
		name := path[i]
		if open || len(cur) == 0 {
			res.Uncertain = true
			return res
		}
		var next []*Type
		var field *PayloadField
		stepOpen := false
		// `x.items[0]`: the path says "items", "[]".
		elem := i+1 < len(path) && path[i+1] == "[]"
		for _, t := range cur {
			f := t.Field(name)
			if f == nil {
				if t.Open || objectProtoNames[name] {
					stepOpen = true
				}
				continue
			}
			if field == nil {
				field = f
			}
			last := i == len(path)-1 || elem && i+1 == len(path)-1
			switch {
			case f.Type.Array && !elem, !f.Type.Array && elem, f.Type.Prim():
				if !last {
					stepOpen = true // an array's or a primitive's members
				}
				continue
			}
			var o bool
			next, o = c.expand([]*Type{c.TypeOf(TypeRef{Name: f.Type.Name})}, next)
			stepOpen = stepOpen || o
		}
		if field == nil {
			if stepOpen {
				res.Uncertain = true
				return res
			}
			res.Missing, res.Parent = i, cur
			return res
		}
		res.Field = field
		cur, open = next, stepOpen
		if elem {
			i++
		}
	}
	if open {
		res.Uncertain = true
	}
	res.Types = cur
	return res
}

// expand adds the object types of ts to out, unions replaced by their
// alternatives; open is set when one is not a closed object (a primitive
// alternative, an unknown type).
func (c *Catalog) expand(ts []*Type, out []*Type) (_ []*Type, open bool) {
	for _, t := range ts {
		if t == nil {
			open = true
			continue
		}
		switch t.Kind {
		case KindObject:
			if !containsType(out, t) {
				out = append(out, t)
			}
		case KindUnion:
			for _, a := range t.Alts {
				if a.Array || a.Prim() {
					open = true
					continue
				}
				var o bool
				out, o = c.expand([]*Type{c.TypeOf(a)}, out)
				open = open || o
			}
		default: // an enum is a string
			open = true
		}
	}
	return out, open
}

func containsType(ts []*Type, t *Type) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// FieldsOf lists the fields of types, each name once (first wins), in order.
func FieldsOf(types []*Type) []*PayloadField {
	var out []*PayloadField
	seen := map[string]bool{}
	for _, t := range types {
		for i := range t.Fields {
			f := &t.Fields[i]
			if !seen[f.Name] {
				seen[f.Name] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// PayloadRoots returns the payload types of every catalog entry named
// name (a handler name can have a v1 and a v2 entry with different
// payloads); complete is false when one of them has no schema, so nothing
// about the payload is certain.
func (c *Catalog) PayloadRoots(name string) (roots []*Type, complete bool) {
	hs := c.Lookup(name)
	complete = len(hs) > 0
	for _, h := range hs {
		t := c.Payload(h)
		if t == nil {
			complete = false
			continue
		}
		if !containsType(roots, t) {
			roots = append(roots, t)
		}
	}
	return roots, complete
}
