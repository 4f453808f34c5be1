// Package textpos is the one place where byte offsets are converted to LSP
// positions and back.
//
// Everything else in the server (scanner, index, diagnostics) works in byte
// offsets into a Go string, because that is what slicing, the scanner and
// esbuild produce. LSP clients speak (line, character) where "character" is
// counted in a negotiated encoding (UTF-16 by default). Keeping every
// conversion here means the rules below are implemented exactly once:
//
//   - LSP line breaks are "\n", "\r\n" and "\r". U+2028/U+2029 are NOT line
//     breaks for LSP (they are for esbuild, see FromEsbuild).
//   - A character is a UTF-8 encoded code point. Astral code points are
//     2 UTF-16 units, 4 UTF-8 bytes and 1 UTF-32 unit.
//   - Each invalid UTF-8 byte is one character: it counts as one UTF-16 unit
//     (editors show it as U+FFFD), one UTF-8 byte and one UTF-32 unit.
//   - A BOM is an ordinary character (U+FEFF): 1 UTF-16 unit, 3 bytes.
//
// A Mapper is built once per text version (one O(n) pass building a line
// table); conversions are then O(log lines + line length), and O(log lines)
// on ASCII-only lines, which are flagged in the table.
package textpos

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Encoding is the unit LSP "character" offsets are counted in, as negotiated
// through the client's general.positionEncodings capability.
type Encoding int

const (
	UTF16 Encoding = iota // LSP default; astral characters count 2
	UTF8                  // bytes
	UTF32                 // code points
)

func (e Encoding) String() string {
	switch e {
	case UTF16:
		return "utf-16"
	case UTF8:
		return "utf-8"
	case UTF32:
		return "utf-32"
	}
	return fmt.Sprintf("Encoding(%d)", int(e))
}

// Position is an LSP position: 0-based line and 0-based character offset
// within the line, counted in some Encoding.
type Position struct {
	Line, Character uint32
}

// ErrLineOutOfRange is returned (wrapped) by Offset when a position names a
// line after the last line of the text.
var ErrLineOutOfRange = errors.New("textpos: line out of range")

// Mapper converts byte offsets in one text to LSP positions and back.
// It is immutable after NewMapper and safe for concurrent use.
type Mapper struct {
	text string
	// starts[i] is the byte offset where line i begins. len(starts) is the
	// number of lines (always ≥ 1: the empty text has one empty line).
	// int32: texts are capped far below 2 GiB, and every indexed file keeps
	// its table.
	starts []int32
	// ascii[i] reports whether line i (excluding its terminator) is pure
	// ASCII, so columns equal byte distances in every encoding.
	ascii []bool
}

// NewMapper builds the line table for text.
func NewMapper(text string) *Mapper {
	// Typical source lines are 30–40 bytes; guessing avoids most regrowth.
	n := len(text)/32 + 1
	m := &Mapper{text: text, starts: make([]int32, 1, n), ascii: make([]bool, 0, n)}
	isASCII := true
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\n':
		case c == '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
		default:
			if c >= utf8.RuneSelf {
				isASCII = false
			}
			continue
		}
		m.ascii = append(m.ascii, isASCII)
		m.starts = append(m.starts, int32(i+1))
		isASCII = true
	}
	m.ascii = append(m.ascii, isASCII)
	// The table lives as long as the file is indexed: drop a guess that
	// was too generous.
	if cap(m.starts) > len(m.starts)+len(m.starts)/4+8 {
		m.starts = slices.Clone(m.starts)
		m.ascii = slices.Clone(m.ascii)
	}
	return m
}

// Text returns the text the Mapper was built for.
func (m *Mapper) Text() string { return m.text }

// LineCount returns the number of lines; a text ending in a line break has
// a final empty line, and the empty text has one line.
func (m *Mapper) LineCount() int { return len(m.starts) }

// LineStart returns the byte offset at which line begins. Lines before 0
// clamp to 0 and lines past the last line return len(text), so the result
// is always a valid slice index.
func (m *Mapper) LineStart(line int) int {
	if line < 0 {
		return 0
	}
	if line >= len(m.starts) {
		return len(m.text)
	}
	return int(m.starts[line])
}

// LineEnd returns the byte offset of the end of line's content, i.e. of its
// line terminator (or len(text) for the last line). Out-of-range lines clamp
// like LineStart.
func (m *Mapper) LineEnd(line int) int {
	if line < 0 {
		line = 0
	}
	if line >= len(m.starts)-1 {
		return len(m.text)
	}
	end := int(m.starts[line+1]) - 1 // the '\n' or lone '\r'
	if m.text[end] == '\n' && end > int(m.starts[line]) && m.text[end-1] == '\r' {
		end--
	}
	return end
}

// lineOf returns the line containing byte offset o (0 ≤ o ≤ len).
func (m *Mapper) lineOf(o int) int {
	// Index of the last start ≤ o.
	return sort.Search(len(m.starts), func(i int) bool { return int(m.starts[i]) > o }) - 1
}

// Position converts a byte offset to an LSP position. The offset is clamped
// to [0, len(text)]; an offset inside a multi-byte character maps to that
// character's start, and an offset between "\r" and "\n" maps to the "\r"
// (the end of the line's content).
func (m *Mapper) Position(offset int, enc Encoding) Position {
	if offset < 0 {
		offset = 0
	}
	if offset > len(m.text) {
		offset = len(m.text)
	}
	line := m.lineOf(offset)
	start := int(m.starts[line])
	if offset > start && m.text[offset-1] == '\r' && offset < len(m.text) && m.text[offset] == '\n' {
		// Between \r and \n: this offset's lineOf is already the \r's line
		// because the next line starts after the \n.
		offset--
	}
	if m.ascii[line] {
		end := m.LineEnd(line)
		if offset > end {
			offset = end
		}
		return Position{Line: uint32(line), Character: uint32(offset - start)}
	}
	offset = charStart(m.text, offset)
	return Position{Line: uint32(line), Character: uint32(columnOf(m.text[start:offset], enc))}
}

// columnOf counts the characters of s in enc. s must end at a character
// boundary (see charStart).
func columnOf(s string, enc Encoding) int {
	col := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			col++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		col += width(r, size, enc)
	}
	return col
}

// width is the number of enc units one decoded character occupies.
func width(r rune, size int, enc Encoding) int {
	switch enc {
	case UTF8:
		return size
	case UTF32:
		return 1
	default:
		if size == 4 {
			return 2 // astral: surrogate pair
		}
		return 1 // BMP or an invalid byte (U+FFFD)
	}
}

// Offset converts an LSP position to a byte offset. A character past the
// end of the line clamps to the end of the line's content (nil error, as
// LSP requires). A line past the last line returns len(text) and an error
// wrapping ErrLineOutOfRange. A character inside a surrogate pair or inside
// a multi-byte UTF-8 sequence rounds down to the character's start.
func (m *Mapper) Offset(p Position, enc Encoding) (int, error) {
	if int64(p.Line) >= int64(len(m.starts)) {
		return len(m.text), fmt.Errorf("%w: line %d, text has %d lines", ErrLineOutOfRange, p.Line, len(m.starts))
	}
	line := int(p.Line)
	start, end := int(m.starts[line]), m.LineEnd(line)
	if m.ascii[line] {
		if int64(p.Character) >= int64(end-start) {
			return end, nil
		}
		return start + int(p.Character), nil
	}
	return start + offsetIn(m.text[start:end], int(p.Character), enc), nil
}

// offsetIn returns the byte offset within line (which holds no line
// terminator) of character col counted in enc, clamped to len(line) and
// rounded down to a character start.
func offsetIn(line string, col int, enc Encoding) int {
	units := 0
	for i := 0; i < len(line); {
		if units >= col {
			return i
		}
		c := line[i]
		if c < utf8.RuneSelf {
			i++
			units++
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		w := width(r, size, enc)
		if units+w > col {
			return i // col falls inside this character
		}
		units += w
		i += size
	}
	return len(line)
}

// FromEsbuild converts an esbuild logger.Location (1-based Line, 0-based
// Column counted in UTF-8 bytes) to a byte offset in text. esbuild breaks
// lines at "\n", "\r\n", "\r" and also at U+2028 and U+2029 (JavaScript's
// line terminators), so its line numbers can differ from LSP's; converting
// through a byte offset is the only correct way to get an LSP position.
// Out-of-range values clamp: line < 1 is line 1, a line past the end gives
// len(text), and a column past the line's end gives the line's end. The
// result is rounded down to a character start.
func FromEsbuild(text string, line, column int) int {
	if line < 1 {
		line = 1
	}
	if column < 0 {
		column = 0
	}
	start := 0
	cur := 1
	i := 0
	for cur < line {
		if i >= len(text) {
			return len(text)
		}
		c := text[i]
		switch {
		case c == '\n':
			i++
		case c == '\r':
			i++
			if i < len(text) && text[i] == '\n' {
				i++
			}
		case c == 0xE2 && i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0xA8 || text[i+2] == 0xA9):
			i += 3
		default:
			i++
			continue
		}
		cur++
		start = i
	}
	// Find the end of this esbuild line.
	end := start
	for end < len(text) {
		c := text[end]
		if c == '\n' || c == '\r' || (c == 0xE2 && end+2 < len(text) && text[end+1] == 0x80 && (text[end+2] == 0xA8 || text[end+2] == 0xA9)) {
			break
		}
		end++
	}
	o := start + column
	if o > end || o < start { // o < start: overflow
		o = end
	}
	// Round down to a character start: skip back over continuation bytes,
	// but only if they belong to a valid sequence starting earlier.
	return charStart(text, o)
}

// charStart rounds o down to the start of the character containing it,
// where invalid bytes are characters of their own.
func charStart(text string, o int) int {
	if o <= 0 || o >= len(text) || utf8.RuneStart(text[o]) {
		return o
	}
	for back := 1; back <= 3 && o-back >= 0; back++ {
		s := o - back
		if utf8.RuneStart(text[s]) {
			_, size := utf8.DecodeRuneInString(text[s:])
			if s+size > o {
				return s
			}
			return o
		}
	}
	return o
}

// Range is an LSP range.
type Range struct {
	Start, End Position
}

// Change is one LSP TextDocumentContentChangeEvent: a nil Range means the
// Text replaces the whole document.
type Change struct {
	Range *Range
	Text  string
}

// Apply applies changes in order, each relative to the result of the
// previous one (LSP semantics for didChange). Range ends are resolved like
// Offset: a character past the line end clamps to the line end; a start
// after the end is swapped (clients that send reversed ranges mean the same
// span). A line past the last line clamps to the end of the text: the
// returned text is then still the best-effort result, and the error (wrapping
// ErrLineOutOfRange) tells the caller the client and server probably
// disagree about the document, e.g. so it can log or request a resync.
// Positions {LineCount, 0} are common from some clients meaning "end of
// document" and are accepted without error.
//
// Apply takes time linear in the text plus the changes for what editors
// send: a multi-cursor edit or a replace-all arrives as many changes, each
// before the previous one in the document (so that each applies to the
// previous result unchanged), and such a run is applied in one pass over
// one line table (applyRun). Other orders apply a change at a time.
func Apply(text string, changes []Change, enc Encoding) (string, error) {
	var firstErr error
	// The one-pass run is for valid UTF-8 (every text an LSP client sends:
	// JSON strings are UTF-8): in invalid bytes a position's meaning can
	// shift with the text before it, which the run assumes it does not
	// (FuzzApplyRun found such a case). Checked once: valid texts spliced
	// at the character boundaries positions resolve to stay valid.
	valid := utf8.ValidString(text)
	for _, ch := range changes {
		valid = valid && utf8.ValidString(ch.Text)
	}
	for i := 0; i < len(changes); {
		ch := changes[i]
		if ch.Range == nil {
			text = ch.Text
			i++
			continue
		}
		if valid {
			if n, t := applyRun(text, changes[i:], enc); n > 1 {
				text = t
				i += n
				continue
			}
		}
		s, err1 := offsetOf(text, ch.Range.Start, enc)
		e, err2 := offsetOf(text, ch.Range.End, enc)
		if firstErr == nil {
			if err1 != nil {
				firstErr = fmt.Errorf("change %d start: %w", i, err1)
			} else if err2 != nil {
				firstErr = fmt.Errorf("change %d end: %w", i, err2)
			}
		}
		if s > e {
			s, e = e, s
		}
		text = text[:s] + ch.Text + text[e:]
		i++
	}
	return text, firstErr
}

// applyRun applies the longest run at the start of changes in which each
// change lies wholly before the previous one, and reports how many it
// applied (0 or 1: none, the caller applies the first alone). In such a run
// every position means the same in the text before the run as in the text
// the previous changes left (nothing before a change moves), so all are
// resolved on one line table and the result is built in one pass. A run
// stops at a whole-document change, at a position Offset would report as
// an error (the caller reports it), and where a change's start is not
// exactly a place in the text (past its line's end, inside a character:
// the next change would count from elsewhere), and after a lone "\r".
func applyRun(text string, changes []Change, enc Encoding) (int, string) {
	if len(changes) < 2 || changes[1].Range == nil {
		return 0, text
	}
	var m *Mapper
	type span struct{ s, e int }
	var spans []span
	n := 0
	for ; n < len(changes); n++ {
		r := changes[n].Range
		if r == nil {
			break
		}
		start, end := r.Start, r.End
		if less(end, start) {
			start, end = end, start
		}
		if n > 0 {
			prev := changes[n-1].Range
			ps := prev.Start
			if less(prev.End, ps) {
				ps = prev.End
			}
			if less(ps, end) {
				break // not before the previous change
			}
		}
		if m == nil {
			m = NewMapper(text)
		}
		s, err1 := m.Offset(start, enc)
		e, err2 := m.Offset(end, enc)
		if err1 != nil || err2 != nil || m.inexact(start, s, enc) {
			break
		}
		if s > 0 && text[s-1] == '\r' {
			break // a "\n" meeting that "\r" would make one line break of two
		}
		if n > 0 && e > spans[n-1].s {
			break
		}
		spans = append(spans, span{s, e})
	}
	if n < 2 {
		return 0, text
	}
	// spans run backwards through the text: build it front to back.
	size := len(text)
	for k := 0; k < n; k++ {
		size += len(changes[k].Text) - (spans[k].e - spans[k].s)
	}
	var b strings.Builder
	b.Grow(size)
	at := 0
	for k := n - 1; k >= 0; k-- {
		b.WriteString(text[at:spans[k].s])
		b.WriteString(changes[k].Text)
		at = spans[k].e
	}
	b.WriteString(text[at:])
	return n, b.String()
}

// less orders positions.
func less(a, b Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

// inexact reports whether p, resolved to offset o, was moved to get
// there: past the end of its line, or inside a character (a surrogate
// pair's middle, a UTF-8 sequence's). The text before such a position is
// not what the position counts in the next change's text.
func (m *Mapper) inexact(p Position, o int, enc Encoding) bool {
	if m.ascii[p.Line] && o < m.LineEnd(int(p.Line)) {
		return false
	}
	return m.Position(o, enc).Character != p.Character
}

// offsetOf is Offset without building a whole line table: it scans only up
// to the wanted line, which is what a single edit needs.
func offsetOf(text string, p Position, enc Encoding) (int, error) {
	start := 0
	line := uint32(0)
	for line < p.Line {
		i := start
		for i < len(text) && text[i] != '\n' && text[i] != '\r' {
			i++
		}
		if i >= len(text) {
			if p.Line == line+1 && p.Character == 0 {
				return len(text), nil // {LineCount, 0}: end of document
			}
			return len(text), fmt.Errorf("%w: line %d, text has %d lines", ErrLineOutOfRange, p.Line, line+1)
		}
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		start = i + 1
		line++
	}
	end := start
	for end < len(text) && text[end] != '\n' && text[end] != '\r' {
		end++
	}
	return start + offsetIn(text[start:end], int(p.Character), enc), nil
}
