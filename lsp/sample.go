package lsp

// wixEvents.sampleEvent: a realistic event for a handler, from its payload
// schema (catalog/sample), behind a "Sample event" code lens above each
// handler whose payload the catalog knows. The client shows the JSON (VS
// Code opens it in an untitled editor) for pasting into Velo's functional
// testing or a unit test.

import (
	"encoding/json"
	"fmt"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/catalog/sample"
	"github.com/wix-events-ls/wix-events-ls/index"
)

// CommandSampleEvent returns {"title", "json"} for {"handler": name} (Velo)
// or {"package", "namespace", "export"} (SDK).
const CommandSampleEvent = "wixEvents.sampleEvent"

// sampleArgs is the argument of CommandSampleEvent.
type sampleArgs struct {
	Handler   string `json:"handler,omitempty"`
	Package   string `json:"package,omitempty"`
	Namespace string `json:"namespace,omitempty"`
	Export    string `json:"export,omitempty"`
}

// sampleResult is CommandSampleEvent's answer.
type sampleResult struct {
	Title string `json:"title"` // which entry the sample follows
	JSON  string `json:"json"`
}

func (s *Server) runSample(raw []byte) (any, error) {
	var a sampleArgs
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, fmt.Errorf("%s takes {\"handler\": …} or {\"package\", \"namespace\", \"export\"}", CommandSampleEvent)
	}
	cat := s.an.Catalog("")
	var (
		doc   []byte
		about string
		err   error
	)
	switch {
	case a.Handler != "":
		doc, about, err = sample.ForHandler(cat, a.Handler)
	case a.Package != "" && a.Namespace != "" && a.Export != "":
		doc, about, err = sample.ForSDK(cat, a.Package, a.Namespace+"."+a.Export)
	default:
		return nil, fmt.Errorf("%s takes {\"handler\": …} or {\"package\", \"namespace\", \"export\"}", CommandSampleEvent)
	}
	if err != nil {
		return nil, err
	}
	return sampleResult{Title: "Sample event of " + about, JSON: string(doc)}, nil
}

// sampleLenses: "Sample event" above each handler (a Velo export or a CLI
// event call) whose payload the catalog knows.
func (s *Server) sampleLenses(f *index.File) []protocol.CodeLens {
	cat := s.an.Catalog(f.Path)
	var out []protocol.CodeLens
	switch f.Kind {
	case index.KindVeloEvents:
		for _, e := range f.Scan.Exports {
			if e.Depth > 0 || e.Body.IsZero() {
				continue
			}
			if roots, _ := cat.PayloadRoots(e.Name); len(roots) > 0 {
				out = append(out, lens(s.rng(f, e.NameSpan), "Sample event", CommandSampleEvent, sampleArgs{Handler: e.Name}))
			}
		}
	case index.KindCLIHandler:
		for _, hp := range analysis.HandlerPayloads(f, cat) {
			for i := range f.Scan.Calls {
				c := &f.Scan.Calls[i]
				if c.ArgsSpan.Start <= hp.Body.Start && hp.Body.End <= c.ArgsSpan.End && hp.Event != nil {
					out = append(out, lens(s.rng(f, c.CalleeSpan), "Sample event", CommandSampleEvent,
						sampleArgs{Package: hp.Event.Package, Namespace: hp.Event.Namespace, Export: hp.Event.Export}))
					break
				}
			}
		}
	}
	return out
}
