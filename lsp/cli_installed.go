package lsp

// The CLI apps' installed @wix packages (catalog/installed): when what an
// app installs changes on disk, its catalog is read again without a restart.

import (
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/wix-events-ls/wix-events-ls/catalog/installed"
	"github.com/wix-events-ls/wix-events-ls/index"
)

// depsRefreshDelay gathers one install's burst of changes (npm reports a
// file per package) into one re-diagnosis.
const depsRefreshDelay = 100 * time.Millisecond

type depsRefresh struct {
	mu    sync.Mutex
	timer *time.Timer
}

// dependencyChanged handles a watched-file change of a package.json, a
// lockfile or a file under node_modules/@wix: the installed-package reader
// looks again on its next use (at once: a request after this notification
// sees the new packages), and the CLI apps' files are re-diagnosed once per
// burst. It reports whether the path is inside node_modules, which the
// index never holds (nothing else to do for it).
func (s *Server) dependencyChanged(path string) bool {
	slash := filepath.ToSlash(path)
	inNM := strings.Contains(slash, "/node_modules/")
	switch base := filepath.Base(path); {
	case inNM && !strings.Contains(slash, "/node_modules/@wix/") && !strings.Contains(slash, "/node_modules/.pnpm/@wix+"):
		return true
	case !inNM && base != "package.json" && !isLockfile(base):
		return false
	}
	installed.Invalidate()
	d := &s.depsRefresh
	d.mu.Lock()
	if d.timer == nil {
		d.timer = time.AfterFunc(depsRefreshDelay, func() {
			d.mu.Lock()
			d.timer = nil
			d.mu.Unlock()
			for _, f := range s.ws.Files(index.KindCLIBuilder, index.KindCLIRegistration, index.KindCLIHandler) {
				s.diags.enqueue(f.Path, false)
			}
		})
	}
	d.mu.Unlock()
	return inNM
}

func isLockfile(base string) bool {
	switch base {
	case "package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock", "bun.lockb":
		return true
	}
	return false
}
