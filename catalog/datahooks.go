package catalog

import "sort"

// dataHookSuffixes are the wix-data hook names: a data.js export is named
// <collectionName>_<hookName>. They look like event handlers
// (Items_beforeInsert) but belong in data.js, so callers use this list to
// tell "a data hook in the wrong file" from "an unknown event handler".
//
// Source: the wix-data hooks menu,
// https://dev.wix.com/docs/velo/events-service-plugins/data/hooks/wix-data-hooks.md
// (afterCount … onFailure, afterDistinct/beforeDistinct), and
// https://dev.wix.com/docs/velo/apis/wix-data/hooks/introduction.md, and
// the aggregate hooks' pages
// https://dev.wix.com/docs/velo/api-reference/wix-data/hooks/before-aggregate and
// https://dev.wix.com/docs/velo/api-reference/wix-data/hooks/after-aggregate.
var dataHookSuffixes = []string{
	"afterAggregate",
	"afterCount",
	"afterDistinct",
	"afterGet",
	"afterInsert",
	"afterQuery",
	"afterRemove",
	"afterUpdate",
	"beforeAggregate",
	"beforeCount",
	"beforeDistinct",
	"beforeGet",
	"beforeInsert",
	"beforeQuery",
	"beforeRemove",
	"beforeUpdate",
	"onFailure",
}

var dataHookSet = func() map[string]bool {
	m := make(map[string]bool, len(dataHookSuffixes))
	for _, s := range dataHookSuffixes {
		m[s] = true
	}
	if !sort.StringsAreSorted(dataHookSuffixes) {
		panic("catalog: dataHookSuffixes must stay sorted")
	}
	return m
}()

// IsDataHookSuffix reports whether s is a wix-data hook name such as
// "beforeInsert" or "onFailure" (case-sensitive, as Wix matches it).
func IsDataHookSuffix(s string) bool { return dataHookSet[s] }

// DataHookSuffixes returns every wix-data hook name, sorted.
func DataHookSuffixes() []string { return append([]string(nil), dataHookSuffixes...) }
