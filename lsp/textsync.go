package lsp

import (
	"context"
	"fmt"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/index/textpos"
)

// DidOpen stores the buffer (it wins over disk) and publishes its
// diagnostics and those of the files that depend on it.
func (s *Server) DidOpen(ctx context.Context, params *protocol.DidOpenTextDocumentParams) error {
	path, ok := filePath(params.TextDocument.URI)
	if !ok {
		return nil
	}
	f := s.ws.Open(path, params.TextDocument.Text, params.TextDocument.Version)
	s.noteSize(ctx, nil, f)
	s.diags.changed(f)
	return nil
}

// DidChange applies full or incremental changes in order. A change that
// cannot apply (a range past the end after a missed message) is logged and
// the buffer keeps its last good text: losing the user's text is worse than
// one stale diagnostic.
func (s *Server) DidChange(ctx context.Context, params *protocol.DidChangeTextDocumentParams) error {
	path, ok := filePath(params.TextDocument.URI)
	if !ok {
		return nil
	}
	cur := s.ws.File(path)
	if cur == nil || !cur.Open {
		return fmt.Errorf("didChange for %s, which is not open", path)
	}
	changes := make([]textpos.Change, 0, len(params.ContentChanges))
	for _, c := range params.ContentChanges {
		switch c := c.(type) {
		case *protocol.TextDocumentContentChangePartial:
			r := textpos.Range{
				Start: textpos.Position{Line: c.Range.Start.Line, Character: c.Range.Start.Character},
				End:   textpos.Position{Line: c.Range.End.Line, Character: c.Range.End.Character},
			}
			changes = append(changes, textpos.Change{Range: &r, Text: c.Text})
		case *protocol.TextDocumentContentChangeWholeDocument:
			changes = append(changes, textpos.Change{Text: c.Text})
		}
	}
	text, err := textpos.Apply(cur.Text(), changes, s.encoding())
	if err != nil {
		s.logf("didChange %s: %v (kept the last good text)", path, err)
	}
	f := s.ws.Open(path, text, params.TextDocument.Version)
	s.noteSize(ctx, cur, f)
	s.diags.changed(f)
	return nil
}

// noteSize tells the user when a buffer crosses the size cap: over it, the
// text is kept (edits still apply) but not analysed, and no feature answers
// for it; it is analysed again once under the cap.
func (s *Server) noteSize(ctx context.Context, prev, f *index.File) {
	was := prev != nil && prev.TooLarge
	switch {
	case f.TooLarge && !was:
		s.showLog(ctx, protocol.MessageTypeWarning, fmt.Sprintf("%s: %d bytes, over the %d-byte limit: not analysed while it is this large", f.Path, f.Size(), s.ws.MaxFileSize()))
	case was && !f.TooLarge:
		s.showLog(ctx, protocol.MessageTypeInfo, fmt.Sprintf("%s: under the size limit again, analysed", f.Path))
	}
}

// DidClose falls back to the disk file and re-publishes: a closed file is
// still part of the workspace (its diagnostics stay, from disk), unless it
// is not a file the index tracks, whose diagnostics are cleared.
func (s *Server) DidClose(ctx context.Context, params *protocol.DidCloseTextDocumentParams) error {
	path, ok := filePath(params.TextDocument.URI)
	if !ok {
		return nil
	}
	f := s.ws.Close(path)
	if f == nil {
		s.diags.clear(path)
		return nil
	}
	s.diags.changed(f)
	return nil
}

// DidSave needs nothing: the buffer already holds the saved text, and the
// watcher reports the disk change for other files.
func (s *Server) DidSave(ctx context.Context, params *protocol.DidSaveTextDocumentParams) error {
	return nil
}

func (s *Server) encoding() textpos.Encoding {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enc
}

// file returns the indexed file for a document URI, or nil when there is
// none or it is over the size cap (not parsed, so no feature answers for it).
func (s *Server) file(u uri.URI) *index.File {
	path, ok := filePath(u)
	if !ok {
		return nil
	}
	if f := s.ws.File(path); f != nil && !f.TooLarge {
		return f
	}
	return nil
}
