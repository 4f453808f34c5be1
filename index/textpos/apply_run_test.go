package textpos

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// applyOneByOne is Apply as it was before runs: a change at a time, each
// position found by scanning the text. The reference for FuzzApplyRun.
func applyOneByOne(text string, changes []Change, enc Encoding) (string, error) {
	var firstErr error
	for i, ch := range changes {
		if ch.Range == nil {
			text = ch.Text
			continue
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
	}
	return text, firstErr
}

// FuzzApplyRun: Apply gives what applying one change at a time gives, for
// any changes (positions past line ends and past the last line, reversed
// ranges, runs going backwards through the text as multi-cursor edits do,
// and not).
func FuzzApplyRun(f *testing.F) {
	f.Add("ab\ncd\nef", []byte{2, 1, 2, 1, 'x', 1, 0, 1, 1, 'y', 0, 0, 0, 0, 'z'}, uint8(0))
	f.Add("a\r\nb😀c\nhéllo\n", []byte{2, 9, 2, 9, '\n', 2, 1, 2, 3, 'q', 1, 1, 1, 2, 0}, uint8(1))
	f.Add("", []byte{0, 0, 0, 0, 'a', 1, 0, 1, 0, 'b'}, uint8(2))
	f.Fuzz(func(t *testing.T, text string, ops []byte, e uint8) {
		if len(text) > 512 || len(ops) > 200 {
			return
		}
		enc := Encoding(e % 3)
		var changes []Change
		for k := 0; k+4 < len(ops); k += 5 {
			r := &Range{Position{uint32(ops[k] % 8), uint32(ops[k+1] % 12)}, Position{uint32(ops[k+2] % 8), uint32(ops[k+3] % 12)}}
			ins := string(rune('a' + ops[k+4]%26))
			switch ops[k+4] % 9 {
			case 0:
				ins = ""
			case 1:
				ins = "\n"
			case 2:
				ins = "😀\r\n"
			}
			if ops[k+4] == 255 {
				changes = append(changes, Change{Text: text + ins})
				continue
			}
			changes = append(changes, Change{Range: r, Text: ins})
		}
		got, gotErr := Apply(text, changes, enc)
		want, wantErr := applyOneByOne(text, changes, enc)
		if got != want || (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("Apply(%q, %v) = %q, %v; one by one: %q, %v", text, changes, got, gotErr, want, wantErr)
		}
	})
}

// TestApplyManyChanges: 10,000 changes, back to front as a replace-all
// sends them, on a 1.5 MB document apply in one pass (one by one they took
// ~13 s). Loose bound: the benchmark measures.
func TestApplyManyChanges(t *testing.T) {
	line := "export function wixStores_onNewOrder(event) { return event.id; }\n"
	text := strings.Repeat(line, 1500000/len(line))
	lines := strings.Count(text, "\n")
	var changes []Change
	for k := 0; k < 10000; k++ {
		l := uint32(lines - 1 - k*(lines/10000))
		changes = append(changes, Change{Range: &Range{Position{l, 16}, Position{l, 25}}, Text: "wixEcom"})
	}
	start := time.Now()
	got, err := Apply(text, changes, UTF16)
	took := time.Since(start)
	if err != nil || strings.Count(got, "wixEcom_onNewOrder") != 10000 {
		t.Fatalf("err %v, %d replaced", err, strings.Count(got, "wixEcom_onNewOrder"))
	}
	if took > 2*time.Second {
		t.Errorf("10,000 changes on 1.5 MB took %v", took)
	}
}

// BenchmarkApplyReplaceAll: a replace-all of 10,000 occurrences in a
// 1.5 MB document, as one didChange.
func BenchmarkApplyReplaceAll(b *testing.B) {
	line := "export function wixStores_onNewOrder(event) { return event.id; }\n"
	text := strings.Repeat(line, 1500000/len(line))
	lines := strings.Count(text, "\n")
	var changes []Change
	for k := 0; k < 10000; k++ {
		l := uint32(lines - 1 - k*(lines/10000))
		changes = append(changes, Change{Range: &Range{Position{l, 16}, Position{l, 25}}, Text: "wixEcom"})
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := Apply(text, changes, UTF16); err != nil {
			b.Fatal(err)
		}
	}
}
