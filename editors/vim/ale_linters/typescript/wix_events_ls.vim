" ALE linter: wix-events-ls (Wix CLI event extensions). See editors/README.md.
call wix_events_ls#Define('typescript')
