package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/index"
)

// cliDefinition and cliReferences are set by the Wix CLI support
// (cli_navigation.go): source → handler, .use(x) → builder, handler → builder.
var (
	cliDefinition func(s *Server, f *index.File, off int) []protocol.Location
	cliReferences func(s *Server, f *index.File, off int) []protocol.Location
)

// Definition jumps between the three files of a Wix CLI event extension.
func (s *Server) Definition(ctx context.Context, params *protocol.DefinitionParams) (protocol.DefinitionResult, error) {
	out := protocol.LocationSlice{}
	f := s.file(params.TextDocument.URI)
	if f == nil || !f.Kind.CLI() || cliDefinition == nil {
		return out, nil
	}
	return protocol.LocationSlice(cliDefinition(s, f, s.offset(f, params.Position))), nil
}

// References finds the builders that name a handler file, and the
// registrations that use a builder.
func (s *Server) References(ctx context.Context, params *protocol.ReferenceParams) ([]protocol.Location, error) {
	out := []protocol.Location{}
	f := s.file(params.TextDocument.URI)
	if f == nil || !f.Kind.CLI() || cliReferences == nil {
		return out, nil
	}
	if locs := cliReferences(s, f, s.offset(f, params.Position)); locs != nil {
		out = locs
	}
	return out, nil
}
