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
	class      int8     // rankClass: confirmed and current, derived, deprecated
	h          *Handler // representative entry: non-deprecated first, then v2
}

// Rank classes within a match tier, best first: a name a docs page or a
// package shows, then a name derived from the SDK (plausible, unconfirmed),
// then a deprecated one.
const (
	classConfirmed = iota
	classDerived
	classDeprecated
)

// popularPrefixes orders the module prefixes people use most, so that
// `wixSto` offers wixStores_… before the seven wixStoresCatalogV1_… names.
// Counted from the handlers of 12 public Velo sites' src/backend/events.js
// read on 2026-12-05 (sites using the prefix: wixEcom 3, wixMembers 3,
// wixStores 2, wixCrm 2, wixPricingPlans 1, wixEvents 1), then the v1
// modules of the Velo docs' backend-events examples (wixBilling,
// wixBookings, wixForms, wixMediaManager). Prefixes not listed follow, by
// name.
var popularPrefixes = []string{
	"wixEcom", "wixMembers", "wixStores", "wixCrm", "wixPricingPlans", "wixEvents",
	"wixForms", "wixBookings", "wixBilling", "wixMediaManager",
}

func popularity(name string) int {
	prefix, _, _ := strings.Cut(name, "_")
	for i, p := range popularPrefixes {
		if p == prefix {
			return i
		}
	}
	return len(popularPrefixes)
}

// rankClass is the class of a name whose preferred entry is rep, among all
// its entries: derived only when every entry is (no page shows the name).
func rankClass(rep *Handler, all []*Handler) int8 {
	switch {
	case rep.Deprecated:
		return classDeprecated
	case allDerived(all):
		return classDerived
	}
	return classConfirmed
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
		c.comp = append(c.comp, compEntry{
			name:       rep.Name,
			lower:      strings.ToLower(rep.Name),
			words:      wordStarts(rep.Name),
			mask:       letterMask(rep.Name),
			deprecated: rep.Deprecated,
			class:      rankClass(rep, c.handlers[i:j]),
			h:          rep,
		})
		i = j
	}
	// Complete keeps this order within each match tier.
	sort.SliceStable(c.comp, func(i, j int) bool {
		a, b := &c.comp[i], &c.comp[j]
		if a.class != b.class {
			return a.class < b.class
		}
		if pa, pb := popularity(a.name), popularity(b.name); pa != pb {
			return pa < pb
		}
		return a.name < b.name
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
// handler name: non-deprecated first, then confirmed over derived, then v2
// (the current generation).
func better(a, b *Handler) bool {
	if a.Deprecated != b.Deprecated {
		return !a.Deprecated
	}
	if a.Derived != b.Derived {
		return !a.Derived
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
// camel-case hump, substring), then confirmed before derived before
// deprecated, then by how commonly sites use the module (popularPrefixes),
// then name. A limit
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
