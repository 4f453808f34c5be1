package lsp

import (
	"context"

	"go.lsp.dev/protocol"
)

// Definition jumps between the three files of a Wix CLI event extension
// (cli_navigation.go): source → handler, .use(x) → builder. Velo files have
// no cross-file definitions.
func (s *Server) Definition(ctx context.Context, params *protocol.DefinitionParams) (protocol.DefinitionResult, error) {
	out := protocol.LocationSlice{}
	f := s.file(params.TextDocument.URI)
	if f == nil || !f.Kind.CLI() {
		return out, nil
	}
	return protocol.LocationSlice(definitionCLI(s, f, s.offset(f, params.Position))), nil
}

// References finds the builders that name a handler file, and the
// registrations that use a builder.
func (s *Server) References(ctx context.Context, params *protocol.ReferenceParams) ([]protocol.Location, error) {
	out := []protocol.Location{}
	f := s.file(params.TextDocument.URI)
	if f == nil || !f.Kind.CLI() {
		return out, nil
	}
	if locs := referencesCLI(s, f, s.offset(f, params.Position)); locs != nil {
		out = locs
	}
	return out, nil
}
