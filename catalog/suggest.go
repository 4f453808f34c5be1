package catalog

import (
	"sort"
	"strings"
)

// suggestIndex holds what Suggest needs, precomputed at load time so a
// did-you-mean costs a few hash lookups plus a filtered edit-distance scan.
type suggestIndex struct {
	lower   map[string][]string // lower(name) → names
	byEvent map[string][]string // lower(event) → names having that event
	names   []fuzzy             // distinct names
	events  []fuzzy             // distinct events (lower)
	sdkExp  []fuzzy             // distinct SDK export names (lower)
	sdkNS   []fuzzy             // distinct SDK namespace names (lower)
	sdkLow  []sdkLower          // per entry of Catalog.sdk
}

type sdkLower struct{ ns, export string }

// fuzzy is a candidate string with a letter histogram: edit distance is at
// least half the histogram's L1 difference and at least the length
// difference, which rules out almost every candidate before the O(n·k)
// distance runs.
type fuzzy struct {
	s     string // original
	lower string
	hist  hist
}

type hist [29]uint8

func histOf(s string) hist {
	var h hist
	for i := 0; i < len(s); i++ {
		b := s[i]
		var k int
		switch {
		case b >= 'a' && b <= 'z':
			k = int(b - 'a')
		case b >= 'A' && b <= 'Z':
			k = int(b - 'A')
		case isDigit(b):
			k = 26
		case b == '_':
			k = 27
		default:
			k = 28
		}
		if h[k] < 255 {
			h[k]++
		}
	}
	return h
}

func (h *hist) lowerBound(o *hist) int {
	n := 0
	for i := range h {
		d := int(h[i]) - int(o[i])
		if d < 0 {
			d = -d
		}
		n += d
	}
	return (n + 1) / 2
}

func (c *Catalog) buildSuggest() {
	ix := suggestIndex{
		lower:   make(map[string][]string, len(c.comp)),
		byEvent: make(map[string][]string, len(c.comp)),
	}
	seenEvent := map[string]bool{}
	for _, e := range c.comp {
		ix.lower[e.lower] = append(ix.lower[e.lower], e.name)
		ix.names = append(ix.names, fuzzy{s: e.name, lower: e.lower, hist: histOf(e.lower)})
		if _, ev, ok := SplitHandlerName(e.name); ok {
			le := strings.ToLower(ev)
			ix.byEvent[le] = append(ix.byEvent[le], e.name)
			if !seenEvent[le] {
				seenEvent[le] = true
				ix.events = append(ix.events, fuzzy{s: ev, lower: le, hist: histOf(le)})
			}
		}
	}
	for _, names := range ix.byEvent {
		sort.Strings(names)
	}
	seenExp, seenNS := map[string]bool{}, map[string]bool{}
	ix.sdkLow = make([]sdkLower, len(c.sdk))
	for i, e := range c.sdk {
		ix.sdkLow[i] = sdkLower{strings.ToLower(e.Namespace), strings.ToLower(e.Export)}
		if le := strings.ToLower(e.Export); !seenExp[le] {
			seenExp[le] = true
			ix.sdkExp = append(ix.sdkExp, fuzzy{s: e.Export, lower: le, hist: histOf(le)})
		}
		if ln := strings.ToLower(e.Namespace); !seenNS[ln] {
			seenNS[ln] = true
			ix.sdkNS = append(ix.sdkNS, fuzzy{s: e.Namespace, lower: ln, hist: histOf(ln)})
		}
	}
	c.sug = ix
}

// Suggestion reasons.
const (
	ReasonCase          = "case"
	ReasonSpelling      = "spelling"
	ReasonBritish       = "British spelling"
	ReasonWrongPrefix   = "wrong module prefix"
	ReasonMissingPrefix = "missing module prefix"
)

// britishToUS rewrites British spellings found in Wix event names to the US
// spelling Wix uses (onBookingCancelled → onBookingCanceled). Applied to
// lower-case text.
var britishToUS = strings.NewReplacer(
	"cancelled", "canceled",
	"cancelling", "canceling",
	"labelled", "labeled",
	"labelling", "labeling",
	"catalogue", "catalog",
	"fulfilment", "fulfillment",
	"enrolment", "enrollment",
	"organisation", "organization",
	"authorised", "authorized",
	"authorise", "authorize",
	"customised", "customized",
	"favourite", "favorite",
	"colour", "color",
	"behaviour", "behavior",
	"centre", "center",
	"licence", "license",
	"finalised", "finalized",
	"initialised", "initialized",
	"synchronised", "synchronized",
	"modelled", "modeled",
	"travelled", "traveled",
)

type candidate struct {
	score  float64
	reason string
}

// Suggest returns did-you-mean answers for a handler name that is not in the
// catalog (nil for a known name), best first: case errors, British
// spellings, typos (edit distance), a known event under the wrong or a
// missing module prefix (members_onMemberCreated, onInvoicePaid). A limit
// ≤ 0 means no limit.
func (c *Catalog) Suggest(name string, limit int) []Suggestion {
	if name == "" || len(c.byName[name]) > 0 {
		return nil
	}
	ix := &c.sug
	cands := make(map[string]candidate)
	add := func(n string, score float64, reason string) {
		if n == name {
			return
		}
		if old, ok := cands[n]; ok && old.score <= score {
			return
		}
		cands[n] = candidate{score, reason}
	}

	ln := strings.ToLower(name)
	us := britishToUS.Replace(ln)
	for _, n := range ix.lower[ln] {
		add(n, 0, ReasonCase)
	}
	if us != ln {
		for _, n := range ix.lower[us] {
			add(n, 0.5, ReasonBritish)
		}
	}

	p, ev, hasSep := strings.Cut(us, "_")
	if !hasSep {
		p, ev = "", us
	}
	if ev != "" {
		// The event exists under another prefix (or the prefix is missing).
		for _, n := range ix.byEvent[ev] {
			np := strings.ToLower(n[:strings.IndexByte(n, '_')])
			if np == p {
				continue // only case or spelling differs: handled above
			}
			if !hasSep {
				add(n, 1.5, ReasonMissingPrefix)
				continue
			}
			pd := editDistance(p, np, 50)
			add(n, 1.5+float64(pd)/100, prefixReason(p, np, pd))
		}
		// A misspelled event, under any prefix.
		k := eventThreshold(len(ev))
		h := histOf(ev)
		for i := range ix.events {
			e := &ix.events[i]
			if e.lower == ev {
				continue
			}
			// A word's ending changed (onFormSubmitted for onFormSubmit)
			// counts as one typo, however many letters it adds.
			d := endingDistance(ev, e.lower)
			if d > 1 {
				if absInt(len(e.lower)-len(ev)) > k || h.lowerBound(&e.hist) > k {
					continue
				}
				if d = editDistance(ev, e.lower, k); d > k {
					continue
				}
			}
			for _, n := range ix.byEvent[e.lower] {
				np := strings.ToLower(n[:strings.IndexByte(n, '_')])
				switch {
				case !hasSep:
					add(n, 1.5+float64(d), ReasonMissingPrefix)
				case np == p:
					add(n, float64(d), ReasonSpelling)
				default:
					pd := editDistance(p, np, 50)
					reason := prefixReason(p, np, pd)
					if reason == ReasonSpelling {
						if d+pd <= nameThreshold(len(us)) {
							add(n, float64(d+pd), ReasonSpelling)
						}
					} else {
						add(n, 1.5+float64(d)+float64(pd)/100, reason)
					}
				}
			}
		}
	}

	// Typos anywhere in the whole name.
	k := nameThreshold(len(us))
	h := histOf(us)
	for i := range ix.names {
		e := &ix.names[i]
		if absInt(len(e.lower)-len(us)) > k || h.lowerBound(&e.hist) > k {
			continue
		}
		if d := editDistance(us, e.lower, k); d <= k {
			reason := ReasonSpelling
			if d == 0 {
				reason = ReasonCase
				if us != ln {
					reason = ReasonBritish
				}
			}
			add(e.s, float64(d), reason)
		}
	}

	// A deprecated answer brings its replacement along, ranked just above it.
	repl := map[string]candidate{}
	for n, cd := range cands {
		hs := c.byName[n]
		if !allDeprecated(hs) {
			continue
		}
		for _, h := range hs {
			r := h.ReplacedBy
			if _, ok := cands[r]; ok || r == "" || r == name || len(c.byName[r]) == 0 {
				continue
			}
			if old, ok := repl[r]; !ok || cd.score+0.1 < old.score || (cd.score+0.1 == old.score && old.reason > "replaces deprecated "+n) {
				repl[r] = candidate{cd.score + 0.1, "replaces deprecated " + n}
			}
		}
	}
	for r, cd := range repl {
		cands[r] = cd
	}

	out := make([]Suggestion, 0, len(cands))
	for n, cd := range cands {
		hs := c.byName[n]
		if allDeprecated(hs) {
			cd.score += 0.25
			cands[n] = cd
		}
		out = append(out, Suggestion{Name: n, Reason: cd.reason, Handlers: append([]*Handler(nil), hs...)})
	}
	sort.Slice(out, func(i, j int) bool {
		si, sj := cands[out[i].Name].score, cands[out[j].Name].score
		if si != sj {
			return si < sj
		}
		// At equal distance a name a docs page shows comes before a
		// derived one.
		if di, dj := allDerived(out[i].Handlers), allDerived(out[j].Handlers); di != dj {
			return dj
		}
		return out[i].Name < out[j].Name
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// prefixReason tells a typo in the prefix (wixBiling) from a different
// module's prefix (wixCrm for wixBilling, members for wixMembers,
// wixBookings for wixBookingsV2).
func prefixReason(p, np string, pd int) string {
	if pd <= 2 && !strings.HasPrefix(p, np) && !strings.HasPrefix(np, p) && len(p) > 4 {
		return ReasonSpelling
	}
	return ReasonWrongPrefix
}

func allDeprecated(hs []*Handler) bool {
	for _, h := range hs {
		if !h.Deprecated {
			return false
		}
	}
	return len(hs) > 0
}

func nameThreshold(n int) int {
	switch {
	case n <= 10:
		return 1
	case n <= 24:
		return 2
	default:
		return 3
	}
}

func eventThreshold(n int) int {
	if n <= 8 {
		return 1
	}
	return 2
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// editDistance is the optimal-string-alignment distance (Levenshtein plus
// adjacent transpositions) between a and b, or max+1 once it must exceed max.
func editDistance(a, b string, max int) int {
	if absInt(len(a)-len(b)) > max {
		return max + 1
	}
	if len(a) == 0 || len(b) == 0 {
		if d := len(a) + len(b); d <= max {
			return d
		}
		return max + 1
	}
	var buf [3 * 65]int
	var prev2, prev, cur []int
	if len(b) < 65 {
		prev2, prev, cur = buf[0:len(b)+1], buf[65:65+len(b)+1], buf[130:130+len(b)+1]
	} else {
		prev2, prev, cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j-1] + cost
			if x := prev[j] + 1; x < v {
				v = x
			}
			if x := cur[j-1] + 1; x < v {
				v = x
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				if x := prev2[j-2] + 1; x < v {
					v = x
				}
			}
			cur[j] = v
			if v < rowMin {
				rowMin = v
			}
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if d := prev[len(b)]; d <= max {
		return d
	}
	return max + 1
}

// SuggestSDK returns did-you-mean answers for an SDK event reference that is
// not in the catalog: the same export in another namespace or package, or a
// close export or namespace name. Pass export "" to ask about a namespace
// alone. A limit ≤ 0 means no limit.
func (c *Catalog) SuggestSDK(pkg, namespace, export string, limit int) []*SDKEvent {
	if c.SDK(pkg, namespace, export) != nil {
		return nil
	}
	lns := strings.ToLower(namespace)
	lex := britishToUS.Replace(strings.ToLower(export))
	kx := eventThreshold(len(lex)) + 1
	hx := histOf(lex)
	expDist := map[string]int{}
	if lex != "" {
		for i := range c.sug.sdkExp {
			e := &c.sug.sdkExp[i]
			if absInt(len(e.lower)-len(lex)) > kx || hx.lowerBound(&e.hist) > kx {
				continue
			}
			if d := editDistance(lex, e.lower, kx); d <= kx {
				expDist[e.lower] = d
			}
		}
	}
	kn := eventThreshold(len(lns)) + 1
	hn := histOf(lns)
	nsDist := map[string]int{}
	for i := range c.sug.sdkNS {
		e := &c.sug.sdkNS[i]
		if absInt(len(e.lower)-len(lns)) > kn || hn.lowerBound(&e.hist) > kn {
			continue
		}
		if d := editDistance(lns, e.lower, kn); d <= kn {
			nsDist[e.lower] = d
		}
	}
	type scored struct {
		e     *SDKEvent
		score float64
	}
	var out []scored
	seenNS := map[string]bool{}
	for i, e := range c.sdk {
		low := c.sug.sdkLow[i]
		nd, nsClose := nsDist[low.ns]
		if !nsClose {
			nd = 10
		}
		pkgPenalty := 0.0
		if e.Package != pkg {
			pkgPenalty = 5
		}
		if lex == "" {
			// Namespace alone: one representative per close namespace.
			if !nsClose || e.Package != pkg || e.Namespace == namespace || seenNS[e.Namespace] {
				continue
			}
			seenNS[e.Namespace] = true
			out = append(out, scored{e, float64(nd)})
			continue
		}
		xd, expClose := expDist[low.export]
		switch {
		case expClose && xd == 0:
			// Right export: wrong namespace or package (or case).
			out = append(out, scored{e, pkgPenalty + float64(nd)/10})
		case expClose && e.Package == pkg && nsClose:
			out = append(out, scored{e, 1 + float64(xd) + float64(nd)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score < out[j].score
		}
		if out[i].e.Deprecated != out[j].e.Deprecated {
			return !out[i].e.Deprecated
		}
		return false // c.sdk order: package, namespace, export
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	res := make([]*SDKEvent, len(out))
	for i, s := range out {
		res[i] = s.e
	}
	return res
}

// endingDistance is 1 when one event name is the other plus a verb or plural
// ending ("ed", "ted", "d", "s", "es") on a stem of at least six letters
// (onformsubmitted, onformsubmit), and more otherwise.
func endingDistance(a, b string) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 6 || !strings.HasPrefix(b, a) {
		return 99
	}
	switch b[len(a):] {
	case "ed", "ted", "d", "s", "es":
		return 1
	}
	return 99
}
