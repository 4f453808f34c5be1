package scan

// ---- exports ----

// export handles an `export` keyword at token i, at any depth.
func (p *parser) export(i int) {
	toks := p.toks
	end := p.scanEnd(i, false)
	last := end
	if p.isP(last, ";") && last > i {
		last = p.prev(last)
	}
	base := Export{Stmt: Span{toks[i].Span.Start, toks[end].Span.End}, Depth: toks[i].Depth}
	j := p.next(i)
	for p.isP(j, "@") && j <= last {
		j = p.skipDecorator(j)
	}
	if j > last || !p.valid(j) {
		return
	}
	// An unclosed body or parameter list runs to where its region ends,
	// which may be past the statement's last token: widen Stmt to cover it.
	first := len(p.f.Exports)
	defer func() {
		for k := first; k < len(p.f.Exports); k++ {
			e := &p.f.Exports[k]
			e.Stmt.End = max(e.Stmt.End, e.Body.End, e.Params.End)
		}
	}()
	switch toks[j].Kind {
	case Keyword:
		switch p.word(j) {
		case "default":
			p.exportDefault(j, last, base)
		case "function":
			p.exportFunction(j, last, base, false)
		case "class":
			p.exportNamed(p.next(j), last, base, FormClass)
		case "const", "let", "var":
			p.exportDecls(j, last, base)
		case "enum":
			p.exportNamed(p.next(j), last, base, FormConstOther)
		case "interface":
			p.exportNamed(p.next(j), last, base, FormType)
		case "import": // TS: export import A = B.C
			p.exportNamed(p.next(j), last, base, FormConstOther)
		}
	case Ident:
		switch p.word(j) {
		case "async":
			if k := p.next(j); p.isKw(k, "function") {
				p.exportFunction(k, last, base, true)
			}
		case "type":
			k := p.next(j)
			switch {
			case p.isP(k, "{"):
				p.exportList(k, last, base, true)
			case p.isP(k, "*"):
				p.exportStar(k, last, base, true)
			default:
				p.exportNamed(k, last, base, FormType)
			}
		case "declare":
			k := p.next(j)
			for n := 0; n < 4 && p.valid(k) && k <= last; n++ {
				if toks[k].Kind == Keyword || (toks[k].Kind == Ident && isDeclModifier(p.word(k)) && p.isName(p.next(k))) {
					k = p.next(k)
					continue
				}
				break
			}
			p.exportNamed(k, last, base, FormType)
		case "abstract":
			if k := p.next(j); p.isKw(k, "class") {
				p.exportNamed(p.next(k), last, base, FormClass)
			}
		case "namespace", "module":
			p.exportNamed(p.next(j), last, base, FormConstOther)
		case "as": // export as namespace X
			if k := p.next(j); p.isID(k, "namespace") {
				p.exportNamed(p.next(k), last, base, FormType)
			}
		}
	case Punct:
		switch p.word(j) {
		case "{":
			p.exportList(j, last, base, false)
		case "*":
			p.exportStar(j, last, base, false)
		case "=": // TS: export = x
			e := base
			e.Name, e.NameSpan, e.Form = "default", toks[j].Span, FormCommonJS
			p.fillValue(&e, p.next(j), last)
			p.f.Exports = append(p.f.Exports, e)
		}
	}
}

func isDeclModifier(w string) bool {
	switch w {
	case "async", "abstract", "namespace", "module", "global", "type":
		return true
	}
	return false
}

// exportNamed appends an export whose name is the identifier at k.
func (p *parser) exportNamed(k, last int, base Export, form ExportForm) {
	if !p.valid(k) || k > last || p.toks[k].Kind != Ident {
		return
	}
	e := base
	e.Name, e.NameSpan, e.Form = p.word(k), p.toks[k].Span, form
	p.f.Exports = append(p.f.Exports, e)
}

func (p *parser) exportFunction(k, last int, base Export, async bool) {
	e := base
	e.Async = async
	e.Form = FormFunction
	if async {
		e.Form = FormAsyncFunction
	}
	m := p.next(k)
	if p.isP(m, "*") {
		e.Form = FormGeneratorFunction
		m = p.next(m)
	}
	if !p.valid(m) || m > last || p.toks[m].Kind != Ident {
		return
	}
	e.Name, e.NameSpan = p.word(m), p.toks[m].Span
	e.Params, e.Body = p.funcParts(p.next(m))
	p.f.Exports = append(p.f.Exports, e)
}

func (p *parser) exportDefault(j, last int, base Export) {
	toks := p.toks
	e := base
	e.Name, e.NameSpan, e.Form = "default", toks[j].Span, FormDefault
	k := p.next(j)
	for p.isP(k, "@") && k <= last {
		k = p.skipDecorator(k)
	}
	if p.valid(k) && k <= last {
		if p.isID(k, "async") && p.isKw(p.next(k), "function") {
			e.Async = true
			k = p.next(k)
		}
		switch {
		case p.isKw(k, "function"):
			m := p.next(k)
			if p.isP(m, "*") {
				m = p.next(m)
			}
			if p.valid(m) && toks[m].Kind == Ident {
				e.Local = p.word(m)
				m = p.next(m)
			}
			e.Params, e.Body = p.funcParts(m)
		case p.isKw(k, "class"), p.isID(k, "abstract") && p.isKw(p.next(k), "class"):
			if p.isID(k, "abstract") {
				k = p.next(k)
			}
			if m := p.next(k); p.valid(m) && toks[m].Kind == Ident && p.word(m) != "extends" && p.word(m) != "implements" {
				e.Local = p.word(m)
			}
		case p.isKw(k, "interface"):
			e.Form = FormType
		default:
			a := p.fillValue(&e, k, last)
			if a.Kind == ArgCall {
				p.defaults = append(p.defaults, defaultExpr{start: int(a.Span.Start), text: a.Text})
			}
		}
	}
	p.f.Exports = append(p.f.Exports, e)
}

// fillValue classifies the value expression [v, last] and copies what an
// Export records about it (Local, Params, Body, Async).
func (p *parser) fillValue(e *Export, v, last int) Arg {
	if !p.valid(v) || v > last {
		return Arg{Kind: ArgMissing}
	}
	a := p.classify(v, last+1, Span{})
	switch a.Kind {
	case ArgFunction:
		e.Params, e.Body, e.Async = a.Params, a.Body, a.Async
	case ArgIdent, ArgMember, ArgCall:
		e.Local = a.Text
	}
	return a
}

// exportDecls handles export const|let|var with one or more declarators.
func (p *parser) exportDecls(j, last int, base Export) {
	toks := p.toks
	k := p.next(j)
	if p.word(j) == "const" && p.isKw(k, "enum") {
		p.exportNamed(p.next(k), last, base, FormConstOther)
		return
	}
	for p.valid(k) && k <= last {
		var ve int
		switch {
		case toks[k].Kind == Ident:
			e := base
			e.Name, e.NameSpan, e.Form = p.word(k), toks[k].Span, FormConstOther
			m := p.next(k)
			if p.isP(m, "!") {
				m = p.next(m)
			}
			if p.isP(m, ":") {
				m = p.skipTypeAnnotation(m, last)
			}
			ve = p.prev(m) // the declarator ends before m unless it has a value
			if p.isP(m, "=") && m <= last {
				v := p.next(m)
				ve = m
				if p.valid(v) && v <= last {
					ve = p.scanEnd(v, true)
					if ve > last {
						ve = last
					}
					a := p.fillValue(&e, v, ve)
					switch a.Kind {
					case ArgFunction:
						if a.Arrow {
							e.Form = FormConstArrow
						} else {
							e.Form = FormConstFunction
						}
					case ArgIdent:
						e.Form = FormConstIdent
					case ArgMember:
						e.Form = FormConstMember
					case ArgCall:
						e.Form = FormConstCall
					}
				}
			}
			p.f.Exports = append(p.f.Exports, e)
		case p.isP(k, "{") || p.isP(k, "["):
			gl, _ := p.groupEnd(k)
			for _, nm := range p.patternNames(k, gl) {
				e := base
				e.Name, e.NameSpan, e.Form = p.word(nm), toks[nm].Span, FormConstOther
				p.f.Exports = append(p.f.Exports, e)
			}
			ve = gl
			if m := p.next(gl); p.isP(m, "=") && m <= last {
				ve = m
				if v := p.next(m); p.valid(v) && v <= last {
					ve = p.scanEnd(v, true)
				}
			}
		default:
			return
		}
		k = p.next(ve)
		if !p.isP(k, ",") || k > last {
			return
		}
		k = p.next(k)
	}
}

// skipTypeAnnotation skips `: Type` starting at the ':' at m and returns
// the index of the '=' or ',' ending it (or a token past last).
func (p *parser) skipTypeAnnotation(m, last int) int {
	angles := 0
	j := p.next(m)
	for p.valid(j) && j <= last {
		if p.toks[j].Kind == Punct {
			switch p.word(j) {
			case "<":
				angles++
			case ">":
				angles--
			case ">>":
				angles -= 2
			case ">>>":
				angles -= 3
			case "=", ",":
				if angles <= 0 {
					return j
				}
			}
			if p.isOpener(j) {
				j = p.next(p.skipGroup(j) - 1)
				continue
			}
		}
		j = p.next(j)
	}
	return j
}

// patternNames returns the identifiers bound by a destructuring pattern
// opened at k (shallow: nested patterns are walked recursively).
func (p *parser) patternNames(k, gl int) []int {
	var out []int
	base := p.toks[k].Depth + 1
	isObj := p.isP(k, "{")
	ps := k + 1
	for j := ps; j <= gl; {
		if j == gl || (p.toks[j].Depth == base && p.isP(j, ",")) {
			out = p.patternElem(ps, j, isObj, out)
			ps = j + 1
			j++
			continue
		}
		if p.isOpener(j) {
			j = p.skipGroup(j)
			if j > gl {
				out = p.patternElem(ps, gl+1, isObj, out)
				break
			}
			continue
		}
		j++
	}
	return out
}

func (p *parser) patternElem(s, e int, isObj bool, out []int) []int {
	for s < e && p.toks[s].Kind == Comment {
		s++
	}
	if s >= e {
		return out
	}
	if p.isP(s, "...") {
		s = p.next(s)
	}
	if isObj {
		// key: target | key = default | key
		if n := p.next(s); n < e && p.isP(n, ":") {
			s = p.next(n)
		}
	}
	switch {
	case !p.valid(s) || s >= e:
	case p.toks[s].Kind == Ident:
		out = append(out, s)
	case p.isP(s, "{") || p.isP(s, "["):
		gl, _ := p.groupEnd(s)
		if gl < e {
			out = append(out, p.patternNames(s, gl)...)
		}
	}
	return out
}

// exportList handles export { a, b as c } [from 'm'] (and export type {…}).
func (p *parser) exportList(k, last int, base Export, typeOnly bool) {
	toks := p.toks
	gl, closed := p.groupEnd(k)
	from, fromSpan, hasFrom := "", Span{}, false
	if closed {
		if f := p.next(gl); p.isID(f, "from") && f <= last {
			if s := p.next(f); p.valid(s) && toks[s].Kind == String {
				hasFrom = true
				fromSpan = innerSpan(toks[s], 1)
				from = decodeString(p.src[fromSpan.Start:fromSpan.End], false)
			}
		}
	}
	end := gl
	if !closed {
		end = gl + 1
	}
	base.From, base.FromSpan = from, fromSpan
	ps := k + 1
	for j := ps; j <= end; j++ {
		if j == end || p.isP(j, ",") {
			p.exportSpec(ps, j, base, typeOnly, hasFrom)
			ps = j + 1
		}
	}
}

func (p *parser) exportSpec(s, e int, base Export, typeOnly, hasFrom bool) {
	toks := p.toks
	for s < e && toks[s].Kind == Comment {
		s++
	}
	if s >= e || !(p.isName(s) || toks[s].Kind == String) {
		return
	}
	if p.isID(s, "type") {
		if n := p.next(s); n < e && !p.isID(n, "as") && (p.isName(n) || toks[n].Kind == String) {
			typeOnly = true
			s = n
		}
	}
	local, localSpan := p.specName(s)
	name, nameSpan := local, localSpan
	if a := p.next(s); a < e && p.isID(a, "as") {
		if n := p.next(a); n < e && (p.isName(n) || toks[n].Kind == String) {
			name, nameSpan = p.specName(n)
		}
	}
	ex := base
	ex.Name, ex.NameSpan, ex.Local = name, nameSpan, local
	switch {
	case typeOnly:
		ex.Form = FormType
	case hasFrom:
		ex.Form = FormReexport
	default:
		ex.Form = FormList
	}
	p.f.Exports = append(p.f.Exports, ex)
}

// specName returns an import/export specifier name (identifier or string).
func (p *parser) specName(i int) (string, Span) {
	t := p.toks[i]
	if t.Kind == String {
		sp := innerSpan(t, 1)
		return decodeString(p.src[sp.Start:sp.End], false), sp
	}
	return p.word(i), t.Span
}

// exportStar handles export * [as n] from 'm'.
func (p *parser) exportStar(k, last int, base Export, typeOnly bool) {
	toks := p.toks
	e := base
	e.Name, e.NameSpan, e.Local = "*", toks[k].Span, "*"
	f := p.next(k)
	if p.isID(f, "as") {
		if n := p.next(f); p.valid(n) && (p.isName(n) || toks[n].Kind == String) && n <= last {
			e.Name, e.NameSpan = p.specName(n)
			f = p.next(n)
		}
	}
	if p.isID(f, "from") && f <= last {
		if s := p.next(f); p.valid(s) && toks[s].Kind == String {
			e.FromSpan = innerSpan(toks[s], 1)
			e.From = decodeString(p.src[e.FromSpan.Start:e.FromSpan.End], false)
		}
	}
	e.Form = FormReexport
	if typeOnly {
		e.Form = FormType
	}
	p.f.Exports = append(p.f.Exports, e)
}

// skipDecorator skips a decorator starting at '@' and returns the next token.
func (p *parser) skipDecorator(k int) int {
	m := p.next(k)
	if !p.valid(m) {
		return m
	}
	if p.isP(m, "(") {
		return p.next(p.skipGroup(m) - 1)
	}
	if !p.isName(m) {
		return m
	}
	cl, _, _, _ := p.chain(m, false)
	return p.next(cl)
}

// ---- imports ----

// importAt handles an `import` keyword: a static declaration, import(…),
// or TypeScript import x = require('m').
func (p *parser) importAt(i int) {
	toks := p.toks
	j := p.next(i)
	if !p.valid(j) {
		return
	}
	if p.isP(j, "(") {
		imp := Import{Dynamic: true, Stmt: Span{toks[i].Span.Start, int32(p.groupSpanEnd(j))}}
		if s := p.next(j); p.valid(s) && toks[s].Kind == String {
			imp.ModuleSpan = innerSpan(toks[s], 1)
			imp.Module = decodeString(p.src[imp.ModuleSpan.Start:imp.ModuleSpan.End], false)
		}
		p.f.Imports = append(p.f.Imports, imp)
		return
	}
	if p.isP(j, ".") {
		return // import.meta
	}
	end := p.scanEnd(i, false)
	imp := Import{Stmt: Span{toks[i].Span.Start, toks[end].Span.End}}
	found := false
	k := j
	if p.isID(k, "type") {
		m := p.next(k)
		if p.isP(m, "{") || p.isP(m, "*") || (p.valid(m) && toks[m].Kind == Ident && !(p.word(m) == "from" && p.valid(p.next(m)) && toks[p.next(m)].Kind == String)) {
			imp.TypeOnly = true
			k = m
		}
	}
	if p.valid(k) && toks[k].Kind == String {
		p.setModule(&imp, k)
		p.f.Imports = append(p.f.Imports, imp)
		return
	}
	if p.valid(k) && toks[k].Kind == Ident && !(p.word(k) == "from" && p.valid(p.next(k)) && toks[p.next(k)].Kind == String) {
		imp.Default, imp.DefaultSpan = p.word(k), toks[k].Span
		found = true
		k = p.next(k)
		if p.isP(k, "=") { // TS: import x = require('m')
			if r := p.next(k); p.isID(r, "require") && p.isP(p.next(r), "(") {
				if s := p.next(p.next(r)); p.valid(s) && toks[s].Kind == String {
					imp.Require = true
					p.setModule(&imp, s)
					p.f.Imports = append(p.f.Imports, imp)
				}
			}
			return
		}
		if p.isP(k, ",") {
			k = p.next(k)
		}
	}
	if p.isP(k, "*") {
		found = true
		if a := p.next(k); p.isID(a, "as") {
			if n := p.next(a); p.valid(n) && toks[n].Kind == Ident {
				imp.Namespace = p.word(n)
				k = p.next(n)
			} else {
				k = n
			}
		} else {
			k = a
		}
	}
	if p.isP(k, "{") {
		found = true
		gl, closed := p.groupEnd(k)
		innerEnd := p.groupSpanEnd(k)
		if closed {
			innerEnd = int(toks[gl].Span.Start)
		}
		imp.Braces = Span{toks[k].Span.End, int32(innerEnd)}
		end := gl
		if !closed {
			end = gl + 1
		}
		ps := k + 1
		for j := ps; j <= end; j++ {
			if j == end || p.isP(j, ",") {
				if p.importSpec(&imp, ps, j) {
					break // met `from 'm'` inside an unclosed list
				}
				ps = j + 1
			}
		}
		k = p.next(gl)
	}
	if !found {
		return
	}
	if p.isID(k, "from") {
		if s := p.next(k); p.valid(s) && toks[s].Kind == String {
			p.setModule(&imp, s)
		}
	}
	p.f.Imports = append(p.f.Imports, imp)
}

func (p *parser) setModule(imp *Import, s int) {
	imp.ModuleSpan = innerSpan(p.toks[s], 1)
	imp.Module = decodeString(p.src[imp.ModuleSpan.Start:imp.ModuleSpan.End], false)
}

// importSpec parses one specifier in tokens [s, e) of an import list. It
// reports true when the specifier ran into `from 'm'` (an unclosed list),
// after recording the module.
func (p *parser) importSpec(imp *Import, s, e int) bool {
	toks := p.toks
	for s < e && toks[s].Kind == Comment {
		s++
	}
	for e > s && toks[e-1].Kind == Comment {
		e--
	}
	if s >= e {
		return false
	}
	if p.isID(s, "from") && p.next(s) < e && toks[p.next(s)].Kind == String {
		p.setModule(imp, p.next(s))
		return true
	}
	spec := ImportName{Span: Span{toks[s].Span.Start, toks[e-1].Span.End}}
	k := s
	if p.isID(k, "type") {
		if n := p.next(k); n < e && !p.isID(n, "as") && !p.isID(n, "from") && (p.isName(n) || toks[n].Kind == String) {
			spec.TypeOnly = true
			k = n
		}
	}
	if !(p.isName(k) || toks[k].Kind == String) {
		return false
	}
	spec.Imported, _ = p.specName(k)
	spec.Local = spec.Imported
	stop := false
	if a := p.next(k); a < e {
		switch {
		case p.isID(a, "as"):
			if n := p.next(a); n < e && p.isName(n) {
				spec.Local = p.word(n)
				if f := p.next(n); f < e && p.isID(f, "from") && p.next(f) < e && toks[p.next(f)].Kind == String {
					p.setModule(imp, p.next(f))
					spec.Span.End = toks[n].Span.End
					stop = true
				}
			}
		case p.isID(a, "from") && p.next(a) < e && toks[p.next(a)].Kind == String:
			p.setModule(imp, p.next(a))
			spec.Span.End = toks[k].Span.End
			stop = true
		}
	}
	imp.Names = append(imp.Names, spec)
	return stop
}

// requireAt records require('m'), binding the name(s) when it initialises a
// declaration: const x = require('m') / const { a, b: c } = require('m').
func (p *parser) requireAt(i int) {
	toks := p.toks
	o := p.next(i)
	s := p.next(o)
	c := p.next(s)
	if !p.isP(o, "(") || !p.valid(s) || toks[s].Kind != String || !p.isP(c, ")") {
		return
	}
	imp := Import{Require: true, Stmt: Span{toks[i].Span.Start, toks[c].Span.End}}
	p.setModule(&imp, s)
	if eq := p.prev(i); p.isP(eq, "=") {
		b := p.prev(eq)
		decl := -1
		switch {
		case p.valid(b) && toks[b].Kind == Ident:
			imp.Default, imp.DefaultSpan = p.word(b), toks[b].Span
			decl = p.prev(b)
		case p.isP(b, "}") && p.pair[b] >= 0:
			ob := int(p.pair[b])
			imp.Braces = Span{toks[ob].Span.End, toks[b].Span.Start}
			p.requireNames(&imp, ob, b)
			decl = p.prev(ob)
		}
		if p.isKw(decl, "import") {
			return // TS import x = require(…): recorded by importAt
		}
		if p.isP(decl, ",") {
			decl = p.declBefore(decl)
		}
		if p.isKw(decl, "const") || p.isKw(decl, "let") || p.isKw(decl, "var") {
			imp.Stmt = Span{toks[decl].Span.Start, toks[p.scanEnd(decl, false)].Span.End}
		}
	}
	p.f.Imports = append(p.f.Imports, imp)
}

// declBefore walks back from the ',' at k over earlier declarators of the
// same declaration (skipping bracket groups) to its const/let/var keyword,
// -1 if not found within a few hundred tokens.
func (p *parser) declBefore(k int) int {
	d := p.toks[k].Depth
	for j, steps := p.prev(k), 0; j >= 0 && steps < 512; steps++ {
		t := p.toks[j]
		if t.Depth < d {
			return -1
		}
		if t.Kind == Punct && t.Span.End-t.Span.Start == 1 {
			switch p.src[t.Span.Start] {
			case ';':
				return -1
			case ')', ']', '}':
				if o := p.pair[j]; o >= 0 && int(o) < j {
					j = p.prev(int(o))
					continue
				}
			}
		}
		if t.Kind == Keyword {
			switch p.word(j) {
			case "const", "let", "var":
				return j
			}
		}
		j = p.prev(j)
	}
	return -1
}

// requireNames reads { a, b: c } between tokens ob and cb.
func (p *parser) requireNames(imp *Import, ob, cb int) {
	toks := p.toks
	base := toks[ob].Depth + 1
	ps := ob + 1
	for j := ps; j <= cb; j++ {
		if j == cb || (toks[j].Depth == base && p.isP(j, ",")) {
			s, e := ps, j
			for s < e && toks[s].Kind == Comment {
				s++
			}
			for e > s && toks[e-1].Kind == Comment {
				e--
			}
			ps = j + 1
			if s >= e || !(p.isName(s) || toks[s].Kind == String) {
				continue
			}
			spec := ImportName{Span: Span{toks[s].Span.Start, toks[e-1].Span.End}}
			spec.Imported, _ = p.specName(s)
			spec.Local = spec.Imported
			if c := p.next(s); c < e && p.isP(c, ":") {
				if n := p.next(c); n < e && toks[n].Kind == Ident {
					spec.Local = p.word(n)
				}
			}
			imp.Names = append(imp.Names, spec)
		}
	}
}

// ---- CommonJS ----

// commonJS handles module.exports = …, module.exports.x = …, exports.x = ….
func (p *parser) commonJS(i int) {
	toks := p.toks
	k := i
	if p.word(i) == "module" {
		d := p.next(i)
		m := p.next(d)
		if !p.isP(d, ".") || !p.isName(m) || p.word(m) != "exports" {
			return
		}
		k = m
	}
	n1 := p.next(k)
	end := p.scanEnd(i, false)
	last := end
	if p.isP(last, ";") && last > i {
		last = p.prev(last)
	}
	base := Export{Form: FormCommonJS, Stmt: Span{toks[i].Span.Start, toks[end].Span.End}, Depth: toks[i].Depth}
	switch {
	case p.isP(n1, "=") && k != i: // module.exports = …
		v := p.next(n1)
		if p.isP(v, "{") {
			if gl, closed := p.groupEnd(v); closed && gl == last {
				for _, pr := range p.props(v, gl, true) {
					if pr.Key == "..." || pr.Key == "" {
						continue
					}
					e := base
					e.Name, e.NameSpan = pr.Key, pr.KeySpan
					switch pr.Value.Kind {
					case ArgFunction:
						e.Params, e.Body, e.Async = pr.Value.Params, pr.Value.Body, pr.Value.Async
					case ArgIdent, ArgMember, ArgCall:
						e.Local = pr.Value.Text
					}
					p.f.Exports = append(p.f.Exports, e)
				}
				return
			}
		}
		e := base
		e.Name, e.NameSpan = "default", Span{toks[i].Span.Start, toks[k].Span.End}
		p.fillValue(&e, v, last)
		p.f.Exports = append(p.f.Exports, e)
	case p.isP(n1, "."):
		nm := p.next(n1)
		if eq := p.next(nm); p.isName(nm) && p.isP(eq, "=") {
			e := base
			e.Name, e.NameSpan = p.word(nm), toks[nm].Span
			p.fillValue(&e, p.next(eq), last)
			p.f.Exports = append(p.f.Exports, e)
		}
	case p.isP(n1, "["):
		s := p.next(n1)
		cb := p.next(s)
		if eq := p.next(cb); p.valid(s) && toks[s].Kind == String && p.isP(cb, "]") && p.isP(eq, "=") {
			e := base
			e.Name, e.NameSpan = p.specName(s)
			p.fillValue(&e, p.next(eq), last)
			p.f.Exports = append(p.f.Exports, e)
		}
	}
}
