" ALE linter: wix-events-ls (Wix backend events). See editors/README.md.
call wix_events_ls#Define('javascript')
