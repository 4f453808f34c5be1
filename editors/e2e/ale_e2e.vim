" Headless Vim 9 + ALE (Debian vim-ale) e2e check of wix-events-ls, using the shipped
" ALE linter definition (editors/vim). Run through run_vim_ale.sh:
"   vim -N -u NONE -i NONE -n -es -S ale_e2e.vim   (env: WIX_EVENTS_LS_PATH, FIXTURES, EDITORS_DIR, E2E_LOG)
" Exit code 0 = every check passed. In -es mode :echo is swallowed, so the log goes to $E2E_LOG.
set nocompatible
let &runtimepath = $EDITORS_DIR . '/vim,/usr/share/vim-ale,' . &runtimepath
filetype plugin on
let g:ale_linters = {'javascript': ['wix_events_ls'], 'typescript': ['wix_events_ls']}
let g:ale_linters_explicit = 1
let g:ale_lint_on_enter = 1
let g:ale_echo_cursor = 0
runtime plugin/ale.vim

let s:t0 = reltime()
let s:failures = 0
function! s:Log(msg) abort
  call writefile([printf('[%5d ms] %s', float2nr(reltimefloat(reltime(s:t0)) * 1000), a:msg)], $E2E_LOG, 'a')
endfunction
function! s:Check(ok, what, ...) abort
  call s:Log((a:ok ? 'ok   ' : 'FAIL ') . a:what . (a:0 ? ': ' . a:1 : ''))
  if !a:ok | let s:failures += 1 | endif
  return a:ok
endfunction
function! s:Wait(expr, ms) abort
  let l:n = 0
  while !eval(a:expr) && l:n < a:ms
    sleep 20m
    let l:n += 20
  endwhile
  return eval(a:expr)
endfunction
function! s:Finish() abort
  call ale#lsp#StopAll()
  call s:Log(s:failures ? printf('FAIL: %d check(s) failed', s:failures) : 'PASS')
  if s:failures | cquit 1 | endif
  qall!
endfunction
function! s:Find(needle) abort
  let l:lnum = search('\V' . escape(a:needle, '\'), 'w')
  return [l:lnum, stridx(getline(l:lnum), a:needle) + 1]
endfunction
function! s:Diag(buf, code) abort
  for l:d in ale#engine#GetLoclist(a:buf)
    if get(l:d, 'code', '') is# a:code | return l:d | endif
  endfor
  return {}
endfunction

" Velo site: opening events.js starts the server (ALE lints on enter)
execute 'edit' fnameescape($FIXTURES . '/velo-site/src/backend/events.js')
let s:buf = bufnr('')
call s:Check(&filetype is# 'javascript', 'filetype', &filetype)
call s:Check(wix_events_ls#ProjectRoot(s:buf) is# $FIXTURES . '/velo-site', 'project root', wix_events_ls#ProjectRoot(s:buf))
call s:Wait('!empty(s:Diag(' . s:buf . ', "unknown-handler"))', 15000)
let s:d = s:Diag(s:buf, 'unknown-handler')
if s:Check(!empty(s:d), 'diagnostic unknown-handler', empty(s:d) ? string(ale#engine#GetLoclist(s:buf)) : printf('line %d type %s %s', s:d.lnum, s:d.type, s:d.text))
  call s:Check(s:d.lnum == s:Find('wixBiling_onInvoicePaid')[0], 'diagnostic on the misspelled handler line')
  call s:Check(s:d.text =~# 'wixBilling_onInvoicePaid', 'diagnostic suggests wixBilling_onInvoicePaid')
endif

" completion + hover through ALE's own LSP connection
let g:e2e = {}
let s:l = search('^export function wixBil\s*$', 'w')
let s:c = 1
call ale#lsp_linter#SendRequest(s:buf, 'wix_events_ls',
\ ale#lsp#message#Completion(s:buf, s:l, s:c + len('export function wixBil'), ''), {r -> extend(g:e2e, {'completion': r})})
if s:Check(s:Wait('has_key(g:e2e, "completion")', 10000), 'completion response')
  let s:res = get(g:e2e.completion, 'result', [])
  let s:items = type(s:res) == v:t_dict ? s:res.items : (type(s:res) == v:t_list ? s:res : [])
  let s:item = get(filter(copy(s:items), 'v:val.label is# "wixBilling_onInvoicePaid"'), 0, {})
  if s:Check(!empty(s:item), 'completion wixBilling_onInvoicePaid', len(s:items) . ' items')
    call s:Check(get(s:item, 'detail', '') . string(get(s:item, 'documentation', '')) =~# 'wix-billing-backend',
    \ 'completion detail mentions wix-billing-backend', get(s:item, 'detail', ''))
  endif
endif
let [s:l, s:c] = s:Find('wixMediaManager_onFileUploaded')
call ale#lsp_linter#SendRequest(s:buf, 'wix_events_ls',
\ ale#lsp#message#Hover(s:buf, s:l, s:c + 5), {r -> extend(g:e2e, {'hover': r})})
if s:Check(s:Wait('has_key(g:e2e, "hover")', 10000), 'hover response')
  let s:contents = get(get(g:e2e.hover, 'result', {}) is v:null ? {} : g:e2e.hover.result, 'contents', '')
  let s:hv = type(s:contents) == v:t_dict ? get(s:contents, 'value', '') : string(s:contents)
  call s:Check(s:hv =~# 'onFileUploaded' && s:hv =~# 'wix-media-backend', 'hover mentions onFileUploaded and wix-media-backend', substitute(s:hv, '\_s\+', ' ', 'g')[:159])
endif

" Wix CLI app: the typescript linter definition and the app root
execute 'edit' fnameescape($FIXTURES . '/cli-app/src/extensions/backend/events/contact-created/contact-created.extension.ts')
let s:buf2 = bufnr('')
call s:Check(wix_events_ls#ProjectRoot(s:buf2) is# $FIXTURES . '/cli-app', 'cli-app project root', wix_events_ls#ProjectRoot(s:buf2))
call s:Wait('!empty(s:Diag(' . s:buf2 . ', "invalid-extension-id"))', 15000)
let s:d = s:Diag(s:buf2, 'invalid-extension-id')
call s:Check(!empty(s:d), 'diagnostic invalid-extension-id', empty(s:d) ? string(ale#engine#GetLoclist(s:buf2)) : s:d.text)

call s:Finish()
