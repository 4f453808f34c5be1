" wix-events-ls for Vim + ALE: shared helpers of the ale_linters/*/wix_events_ls.vim definitions.

call ale#Set('wix_events_ls_executable', empty($WIX_EVENTS_LS_PATH) ? 'wix-events-ls' : $WIX_EVENTS_LS_PATH)
" The server's `wixEvents` configuration (severity per rule, extra catalog entries, ignore globs).
call ale#Set('wix_events_ls_config', {'severity': {}, 'catalog': {}, 'ignore': []})

let s:files = '\v(\.extension\.ts|/src/extensions\.ts|/backend/events/.*\.ts|/backend/.*\.jsw?)$'

" Is this a file the server handles?
function! wix_events_ls#Handles(buffer) abort
  return fnamemodify(bufname(a:buffer), ':p') =~# s:files
endfunction

" The project root: the Wix CLI app holding src/extensions.ts, else the nearest package.json,
" else the nearest .git. Empty (ALE then does not start the server) for other files.
function! wix_events_ls#ProjectRoot(buffer) abort
  if !wix_events_ls#Handles(a:buffer)
    return ''
  endif
  let l:dir = fnamemodify(bufname(a:buffer), ':p:h')
  let l:app = findfile('src/extensions.ts', l:dir . ';')
  if !empty(l:app)
    return fnamemodify(l:app, ':p:h:h')
  endif
  let l:pkg = ale#path#FindNearestFile(a:buffer, 'package.json')
  if !empty(l:pkg)
    return fnamemodify(l:pkg, ':h')
  endif
  let l:git = ale#path#FindNearestDirectory(a:buffer, '.git')
  return empty(l:git) ? '' : fnamemodify(l:git, ':h:h')
endfunction

function! wix_events_ls#Define(filetype) abort
  call ale#linter#Define(a:filetype, {
  \   'name': 'wix_events_ls',
  \   'lsp': 'stdio',
  \   'executable': {b -> ale#Var(b, 'wix_events_ls_executable')},
  \   'command': '%e serve',
  \   'project_root': function('wix_events_ls#ProjectRoot'),
  \   'initialization_options': {b -> ale#Var(b, 'wix_events_ls_config')},
  \   'lsp_config': {b -> {'wixEvents': ale#Var(b, 'wix_events_ls_config')}},
  \})
endfunction
