// Package syntaxcache remembers, across runs, which texts esbuild parsed
// without an error, so a workspace that was clean yesterday is not parsed
// again today.
//
// esbuild costs ~65 µs per file in batches (~0.5 ms alone), still half
// of the CPU of indexing a 10,000-file monorepo and of `check`, while a clean
// verdict is a pure function of the text, the loader, esbuild's version and
// the options. The cache stores only clean verdicts, as 16-byte hashes of
// all of those: a file with errors is always parsed again, so its messages
// are always esbuild's own, and a hit can only skip work that would have
// found nothing.
//
// The cache is one file under the user's cache folder (never the
// workspace): sorted hashes behind a header, written atomically (temp file,
// rename), read whole at start. A missing, foreign or damaged file is an
// empty cache. Two processes saving at once lose at most each other's
// additions. WIX_EVENTS_LS_CACHE=off disables it; another value names the
// folder.
package syntaxcache

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"unsafe"

	"github.com/wix-events-ls/wix-events-ls/internal/safefile"
)

// Key identifies a verdict: a hash of everything it depends on.
type Key [16]byte

// NewKey hashes the parts (esbuild's version, its options, the loader, the
// text), each length-prefixed so no two part lists collide.
func NewKey(parts ...string) Key {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		l := uint64(len(p))
		for i := range n {
			n[i] = byte(l >> (8 * i))
		}
		h.Write(n[:])
		// Hash the text in place: Write neither keeps nor changes it, and
		// a copy of every file's text is garbage the size of the workspace.
		h.Write(unsafe.Slice(unsafe.StringData(p), len(p)))
	}
	var k Key
	copy(k[:], h.Sum(nil))
	return k
}

// MaxEntries bounds the file (16 bytes an entry: 3.2 MB). Past it, the
// verdicts of the current run are kept first, then the newest others.
const MaxEntries = 200_000

// EnvVar disables the cache ("off") or names its folder.
const EnvVar = "WIX_EVENTS_LS_CACHE"

const fileName = "esbuild-clean.v1"

var header = []byte("wix-events-ls esbuild-clean v1\n")

// Cache is a set of clean verdicts. A nil *Cache is valid and empty, and
// remembers nothing. It is safe for concurrent use.
type Cache struct {
	path string

	mu    sync.Mutex
	known []Key            // sorted, from the file
	added map[Key]struct{} // this run's, not in known
	used  map[Key]struct{} // known entries hit this run (kept first when capping)
	hits  int
	dirty bool
}

// Dir returns the cache folder from the environment: WIX_EVENTS_LS_CACHE,
// else <user cache dir>/wix-events-ls; "" when disabled or unknown.
func Dir() string {
	switch v := os.Getenv(EnvVar); v {
	case "off", "0", "false":
		return ""
	case "":
		d, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(d, "wix-events-ls")
	default:
		return v
	}
}

// Open loads the cache in dir; "" gives nil (disabled). A file that cannot
// be read or is not a cache file gives an empty cache that will replace it.
func Open(dir string) *Cache {
	if dir == "" {
		return nil
	}
	c := &Cache{path: filepath.Join(dir, fileName), added: map[Key]struct{}{}, used: map[Key]struct{}{}}
	c.known = load(c.path)
	return c
}

func load(path string) []Key {
	// Only a regular file, and no more than a full cache: a FIFO or a
	// link to /dev/zero in its place would hang or never end the read.
	data, err := safefile.ReadFile(path, int64(len(header)+MaxEntries*len(Key{})))
	if err != nil || !bytes.HasPrefix(data, header) {
		return nil
	}
	data = data[len(header):]
	if len(data)%len(Key{}) != 0 || len(data)/len(Key{}) > MaxEntries {
		return nil
	}
	keys := make([]Key, len(data)/len(Key{}))
	for i := range keys {
		copy(keys[i][:], data[i*len(Key{}):])
	}
	if !slices.IsSortedFunc(keys, cmpKey) {
		return nil
	}
	return keys
}

func cmpKey(a, b Key) int { return bytes.Compare(a[:], b[:]) }

// Clean reports whether k is a known clean verdict.
func (c *Cache) Clean(k Key) bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.added[k]; ok {
		c.hits++
		return true
	}
	if _, ok := slices.BinarySearchFunc(c.known, k, cmpKey); ok {
		c.used[k] = struct{}{}
		c.hits++
		return true
	}
	return false
}

// Add records k as clean.
func (c *Cache) Add(k Key) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := slices.BinarySearchFunc(c.known, k, cmpKey); ok {
		c.used[k] = struct{}{}
		return
	}
	if _, ok := c.added[k]; !ok {
		c.added[k] = struct{}{}
		c.dirty = true
	}
}

// Hits returns how many lookups found a clean verdict.
func (c *Cache) Hits() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

// Save writes the cache when this run added verdicts, merged with what
// another process saved meanwhile.
func (c *Cache) Save() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty {
		return nil
	}
	// This run's verdicts (added and hit) come first when the cap bites.
	keys := make([]Key, 0, len(c.added)+len(c.used))
	for k := range c.added {
		keys = append(keys, k)
	}
	for k := range c.used {
		keys = append(keys, k)
	}
	for _, old := range [][]Key{load(c.path), c.known} {
		for _, k := range old {
			if len(keys) >= MaxEntries {
				break
			}
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, cmpKey)
	keys = slices.Compact(keys)
	if len(keys) > MaxEntries {
		keys = keys[:MaxEntries]
	}
	buf := make([]byte, 0, len(header)+len(keys)*len(Key{}))
	buf = append(buf, header...)
	for _, k := range keys {
		buf = append(buf, k[:]...)
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), fileName+".*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(buf)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), c.path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	c.known, c.added, c.used, c.dirty = keys, map[Key]struct{}{}, map[Key]struct{}{}, false
	return nil
}
