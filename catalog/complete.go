package catalog

import (
	"sort"
	"strings"
)

// compEntry is one distinct handler name in the completion index. The index
// is sorted by (deprecated, name) at load time, so Complete only has to
// bucket entries by match quality: no sorting per keystroke.
type compEntry struct {
	name       string
	lower      string
	words      []uint8 // offsets in name where a subword starts (after '_', at an upper-case letter or digit run)
	mask       uint64  // letters present (case-folded): a name lacking one of the query's cannot match at any tier
	deprecated bool
	derived    bool     // every entry of the name is derived (no page shows it)
	h          *Handler // representative entry: non-deprecated first, then v2
}

// Match tiers, best first.
const (
	tierExact    = iota // name has the prefix as typed
	tierFold            // case-insensitive prefix
	tierSubword         // a subword (after '_' or a camel-case hump) starts with it
	tierContains        // substring anywhere
	numTiers
)

func (c *Catalog) buildComplete() {
	c.comp = c.comp[:0]
	for i := 0; i < len(c.handlers); {
		j := i
		rep := c.handlers[i]
		for ; j < len(c.handlers) && c.handlers[j].Name == rep.Name; j++ {
			if better(c.handlers[j], rep) {
				rep = c.handlers[j]
			}
		}
		derived := allDerived(c.handlers[i:j])
		c.comp = append(c.comp, compEntry{
			name:       rep.Name,
			lower:      strings.ToLower(rep.Name),
			words:      wordStarts(rep.Name),
			mask:       letterMask(rep.Name),
			deprecated: rep.Deprecated,
			derived:    derived,
			h:          rep,
		})
		i = j
	}
	// Within a match tier: current before deprecated, and a name a docs
	// page shows before a derived one (never ranked above a confirmed name).
	sort.SliceStable(c.comp, func(i, j int) bool {
		if c.comp[i].deprecated != c.comp[j].deprecated {
			return !c.comp[i].deprecated
		}
		if c.comp[i].derived != c.comp[j].derived {
			return !c.comp[i].derived
		}
		return c.comp[i].name < c.comp[j].name
	})
}

// allDerived reports whether every entry of a name is derived.
func allDerived(hs []*Handler) bool {
	for _, h := range hs {
		if !h.Derived {
			return false
		}
	}
	return len(hs) > 0
}

// better reports whether a is the preferred representative over b for one
// handler name: non-deprecated first, then v2 (the current generation).
func better(a, b *Handler) bool {
	if a.Deprecated != b.Deprecated {
		return !a.Deprecated
	}
	return a.Generation > b.Generation
}

func wordStarts(s string) []uint8 {
	var out []uint8
	for i := 1; i < len(s) && i < 256; i++ {
		prev, cur := s[i-1], s[i]
		switch {
		case prev == '_' && cur != '_':
			out = append(out, uint8(i))
		case isUpper(cur) && !isUpper(prev):
			out = append(out, uint8(i))
		case isDigit(cur) && !isDigit(prev):
			out = append(out, uint8(i))
		}
	}
	return out
}

// letterMask sets one bit per case-folded letter, digit and '_' in s.
func letterMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			m |= 1 << (c - 'a')
		case c >= 'A' && c <= 'Z':
			m |= 1 << (c - 'A')
		case c >= '0' && c <= '9':
			m |= 1 << (26 + c - '0')
		case c == '_':
			m |= 1 << 36
		default:
			m |= 1 << 37
		}
	}
	return m
}

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }
func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// Complete returns completion candidates for a typed prefix, one entry per
// handler name (the non-deprecated entry when there is one, then v2), ranked
// by match quality (exact prefix, case-insensitive prefix, subword or
// camel-case hump, substring), then non-deprecated first, then names a docs
// page shows before derived ones, then name. A limit
// ≤ 0 means no limit. An empty prefix returns every name.
func (c *Catalog) Complete(prefix string, limit int) []*Handler {
	if limit <= 0 || limit > len(c.comp) {
		limit = len(c.comp)
	}
	lp := strings.ToLower(prefix)
	qm := letterMask(prefix)
	var buckets [numTiers][]*Handler
	// maxTier shrinks once the better tiers alone fill the limit, so the
	// scan stops testing for worse matches (and stops early altogether when
	// exact prefixes suffice).
	maxTier := numTiers - 1
	count := 0
	for i := range c.comp {
		e := &c.comp[i]
		if e.mask&qm != qm {
			continue // every tier needs the query's letters somewhere in the name
		}
		t := matchTier(e, prefix, lp, maxTier)
		if t < 0 {
			continue
		}
		buckets[t] = append(buckets[t], e.h)
		count++
		if count >= limit {
			// Shrink maxTier while the tiers below it already hold limit entries.
			n := 0
			for k := 0; k <= maxTier; k++ {
				n += len(buckets[k])
				if n >= limit {
					maxTier = k
					break
				}
			}
			if maxTier == tierExact && len(buckets[tierExact]) >= limit {
				break
			}
		}
	}
	out := make([]*Handler, 0, limit)
	for _, b := range buckets {
		for _, h := range b {
			if len(out) == limit {
				return out
			}
			out = append(out, h)
		}
	}
	return out
}

// matchTier returns the best tier ≤ maxTier at which e matches, or -1.
func matchTier(e *compEntry, prefix, lp string, maxTier int) int {
	if strings.HasPrefix(e.name, prefix) {
		return tierExact
	}
	if maxTier < tierFold {
		return -1
	}
	if strings.HasPrefix(e.lower, lp) {
		return tierFold
	}
	if maxTier < tierSubword {
		return -1
	}
	for _, w := range e.words {
		if strings.HasPrefix(e.lower[w:], lp) {
			return tierSubword
		}
	}
	if maxTier < tierContains {
		return -1
	}
	if strings.Contains(e.lower, lp) {
		return tierContains
	}
	return -1
}
