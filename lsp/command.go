package lsp

import (
	"context"
	"encoding/json"
	"fmt"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// sdkEventInfo is one row of wixEvents.listSdkEvents (for editor quick picks).
type sdkEventInfo struct {
	Package     string `json:"package"`
	Namespace   string `json:"namespace"`
	Export      string `json:"export"`
	EventType   string `json:"eventType"`
	Description string `json:"description"`
	Deprecated  bool   `json:"deprecated"`
}

// ExecuteCommand runs the server's commands. Results are returned, never
// applied by the server: the client applies workspace edits itself.
func (s *Server) ExecuteCommand(ctx context.Context, params *protocol.ExecuteCommandParams) (protocol.LSPAny, error) {
	switch params.Command {
	case CommandListSDKEvents:
		cat := s.an.Catalog("")
		rows := []sdkEventInfo{}
		for _, pkg := range cat.SDKPackages() {
			for _, ns := range cat.SDKNamespaces(pkg) {
				for _, e := range cat.SDKEvents(pkg, ns) {
					rows = append(rows, sdkEventInfo{e.Package, e.Namespace, e.Export, e.EventType, e.Description, e.Deprecated})
				}
			}
		}
		return json.Marshal(rows)
	case CommandShow, CommandApplyFix: // codelens.go
		if len(params.Arguments) == 0 {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, params.Command+" needs an argument")
		}
		run := s.runShow
		if params.Command == CommandApplyFix {
			run = s.runApplyFix
		}
		res, err := run(ctx, json.RawMessage(params.Arguments[0]))
		if err != nil {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, err.Error())
		}
		return protocol.Marshal(res)
	case CommandSampleEvent: // sample.go
		if len(params.Arguments) == 0 {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, params.Command+" needs an argument")
		}
		res, err := s.runSample(params.Arguments[0])
		if err != nil {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, err.Error())
		}
		return protocol.Marshal(res)
	case CommandNewEventExtension:
		var arg json.RawMessage
		if len(params.Arguments) > 0 {
			arg = json.RawMessage(params.Arguments[0])
		}
		edit, err := newEventExtension(s, arg) // cli_scaffold.go
		if err != nil {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, err.Error())
		}
		return protocol.Marshal(edit)
	}
	return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, fmt.Sprintf("unknown command %q", params.Command))
}
