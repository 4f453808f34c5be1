-- Headless Neovim e2e check of wix-events-ls (works on Debian's Neovim 0.7.2 and later).
--
--   WIX_EVENTS_LS_PATH=/path/to/wix-events-ls FIXTURES=/scratch/copy/of/editors/testdata \
--   EDITORS_DIR=.../editors nvim --headless -i NONE -n -u nvim_e2e.lua
--
-- Neovim 0.7 has no vim.lsp.config, so the server is started with vim.lsp.start_client from
-- the lspconfig-shaped config (editors/nvim/lua/wix_events_ls/lspconfig.lua: same cmd, filetypes,
-- root_dir and settings); the 0.11 config (editors/nvim/lsp/wix_events_ls.lua) is loaded too and
-- its root_dir callback must agree. Exit code 0 = every check passed.

local editors = assert(os.getenv('EDITORS_DIR'), 'EDITORS_DIR not set')
local fixtures = assert(os.getenv('FIXTURES'), 'FIXTURES not set')
local lspconfig_shape = dofile(editors .. '/nvim/lua/wix_events_ls/lspconfig.lua')
local nvim011 = dofile(editors .. '/nvim/lsp/wix_events_ls.lua')
local cfg = lspconfig_shape.default_config

local t0 = vim.loop.hrtime()
local function out(s)
  io.stdout:write(('[%5d ms] %s\n'):format(math.floor((vim.loop.hrtime() - t0) / 1e6), s))
end
local failures = 0
local function check(ok, what, detail)
  out(('%s %s%s'):format(ok and 'ok  ' or 'FAIL', what, detail and (': ' .. tostring(detail)) or ''))
  if not ok then failures = failures + 1 end
  return ok
end
local function finish()
  out(failures == 0 and 'PASS' or ('FAIL: %d check(s) failed'):format(failures))
  for _, c in pairs(vim.lsp.get_active_clients()) do c.stop() end
  vim.wait(1000, function() return #vim.lsp.get_active_clients() == 0 end, 20)
  vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
end
vim.defer_fn(function()
  failures = failures + 1
  out('FAIL: global timeout (60 s)')
  finish()
end, 60000)

-- One client per root, as lspconfig does: started from a FileType autocmd.
local clients = {} -- root -> client id
vim.api.nvim_create_autocmd('FileType', {
  pattern = cfg.filetypes,
  callback = function(args)
    local fname = vim.api.nvim_buf_get_name(args.buf)
    local root = cfg.root_dir(fname)
    if not root then return end
    if not clients[root] then
      clients[root] = vim.lsp.start_client({
        name = 'wix_events_ls',
        cmd = cfg.cmd,
        root_dir = root,
        workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
        settings = cfg.settings,
        before_init = cfg.before_init,
      })
    end
    vim.lsp.buf_attach_client(args.buf, clients[root])
  end,
})

-- plain-text search; a needle starting with '^' is a Lua pattern (for whole-line matches)
local function find(buf, needle)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local c = needle:sub(1, 1) == '^' and l:find(needle) or l:find(needle, 1, true)
    if c then return i, c - 1 end -- 1-based line, 0-based col
  end
  error(needle .. ' not found in buffer')
end

local function open(rel)
  vim.cmd('edit ' .. vim.fn.fnameescape(fixtures .. '/' .. rel))
  local buf = vim.api.nvim_get_current_buf()
  local fname = vim.api.nvim_buf_get_name(buf)
  local root = cfg.root_dir(fname)
  local root011
  nvim011.root_dir(buf, function(d) root011 = d end)
  check(root ~= nil and root == root011, 'root_dir (lspconfig shape == 0.11 config)', tostring(root) .. ' / ' .. tostring(root011))
  local id = root and clients[root]
  check(id ~= nil, 'server started for ' .. rel)
  local ok = vim.wait(10000, function()
    local c = id and vim.lsp.get_client_by_id(id)
    return c ~= nil and c.initialized
  end, 20)
  check(ok, 'initialized', ok and vim.inspect(vim.lsp.get_client_by_id(id).server_capabilities.executeCommandProvider, { newline = ' ', indent = '' }))
  if not ok then error('server did not start or initialize for ' .. rel) end
  return buf, id, root
end

local function has_diag(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code then return d end
  end
end

local function wait_diag(buf, code)
  local found
  vim.wait(15000, function() found = has_diag(buf, code) return found ~= nil end, 20)
  return found
end

local function request(buf, id, method, params)
  local res = vim.lsp.buf_request_sync(buf, method, params, 10000)
  local r = res and res[id]
  if not r then return nil, 'no response' end
  if r.err then return nil, vim.inspect(r.err) end
  return r.result
end

-- Both configs attach to exactly the files the server handles (index/kind.go).
local function check_file_patterns()
  local cases = {
    ['/p/src/backend/events.js'] = true, ['/p/backend/data.js'] = true, ['/p/src/backend/api.web.js'] = true,
    ['/p/src/backend/sub/util.jsw'] = true, ['/p/src/pages/home.js'] = false, ['/p/src/public/events.ts'] = false,
    ['/a/src/extensions.ts'] = true, ['/a/src/extensions/backend/events/x/x.extension.ts'] = true,
    ['/a/src/extensions/backend/events/x/x.ts'] = true, ['/a/src/backend/events/y/event.ts'] = true,
    ['/a/src/extensions/backend/events/x/x.d.ts'] = false, ['/a/src/index.ts'] = false,
  }
  local wrong = {}
  for path, want in pairs(cases) do
    local buf = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_name(buf, path)
    local got011 = false
    nvim011.root_dir(buf, function() got011 = true end)
    local got = cfg.root_dir(path) ~= nil
    if got ~= want or got011 ~= want then table.insert(wrong, ('%s: lspconfig %s, 0.11 %s'):format(path, got, got011)) end
    vim.api.nvim_buf_delete(buf, { force = true })
  end
  check(#wrong == 0, 'attach only to handled files (both configs)', #wrong == 0 and (vim.tbl_count(cases) .. ' paths') or table.concat(wrong, '; '))
end

local function run()
  check_file_patterns()
  -- Velo site ---------------------------------------------------------------
  local buf, id, root = open('velo-site/src/backend/events.js')
  check(root == fixtures .. '/velo-site', 'velo root is the site folder (package.json)', root)
  local d = wait_diag(buf, 'unknown-handler')
  if check(d ~= nil, 'diagnostic unknown-handler', d and ('line %d sev %d %q'):format(d.lnum, d.severity, d.message)) then
    local l = find(buf, 'wixBiling_onInvoicePaid')
    check(d.lnum == l - 1, 'diagnostic on the misspelled handler line')
    check(d.message:find('wixBilling_onInvoicePaid', 1, true) ~= nil, 'diagnostic suggests wixBilling_onInvoicePaid')
    check(d.source == 'wix-events', 'diagnostic source wix-events', d.source)
  end

  -- completion at the end of "export function wixBil"
  local l, c = find(buf, '^export function wixBil%s*$')
  -- (explicit position: in Normal mode the cursor cannot sit after the line's last character)
  local result, err = request(buf, id, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = l - 1, character = c + #'export function wixBil' },
  })
  local items = result and (result.items or result) or {}
  local item
  for _, it in ipairs(items) do if it.label == 'wixBilling_onInvoicePaid' then item = it end end
  check(item ~= nil, 'completion wixBilling_onInvoicePaid', err or (#items .. ' items'))
  if item then
    local text = (item.detail or '') .. ' ' .. vim.inspect(item.documentation or '')
    if not text:find('wix-billing-backend', 1, true) then
      local resolved = request(buf, id, 'completionItem/resolve', item)
      if resolved then text = (resolved.detail or '') .. ' ' .. vim.inspect(resolved.documentation or '') end
    end
    check(text:find('wix-billing-backend', 1, true) ~= nil, 'completion detail mentions wix-billing-backend', item.detail)
  end
  -- the same item through Neovim's own completion path (omnifunc, what <C-x><C-o> uses)
  vim.bo[buf].omnifunc = 'v:lua.vim.lsp.omnifunc'

  -- hover on a correct handler
  l, c = find(buf, 'wixMediaManager_onFileUploaded')
  vim.api.nvim_win_set_cursor(0, { l, c + 5 })
  local h
  h, err = request(buf, id, 'textDocument/hover', vim.lsp.util.make_position_params())
  local text = h and table.concat(vim.lsp.util.convert_input_to_markdown_lines(h.contents), '\n') or ''
  check(text:find('onFileUploaded', 1, true) and text:find('wix-media-backend', 1, true), 'hover mentions onFileUploaded and wix-media-backend',
    err or text:gsub('%s+', ' '):sub(1, 160))

  -- Wix CLI app ---------------------------------------------------------------
  buf, id, root = open('cli-app/src/extensions/backend/events/contact-created/contact-created.extension.ts')
  check(root == fixtures .. '/cli-app', 'cli-app root is the app folder (src/extensions.ts)', root)
  d = wait_diag(buf, 'invalid-extension-id')
  if check(d ~= nil, 'diagnostic invalid-extension-id', d and ('line %d sev %d %q'):format(d.lnum, d.severity, d.message)) then
    vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
    local params = vim.lsp.util.make_range_params()
    params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum), only = { 'quickfix' } }
    local actions
    actions, err = request(buf, id, 'textDocument/codeAction', params)
    local fix
    local titles = {}
    for _, a in ipairs(actions or {}) do
      table.insert(titles, a.title)
      if a.title:find('^Generate a fresh UUID') then fix = a end
    end
    check(fix ~= nil, 'quick fix "Generate a fresh UUID…"', err or table.concat(titles, '; '))
    if fix and not fix.edit then fix = request(buf, id, 'codeAction/resolve', fix) or fix end
    if fix and fix.edit then
      vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
      local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
      local uuid = line:match("id:%s*'([^']*)'")
      local v4 = uuid and uuid:lower():match('^%x%x%x%x%x%x%x%x%-%x%x%x%x%-4%x%x%x%-[89ab]%x%x%x%-%x%x%x%x%x%x%x%x%x%x%x%x$')
      check(v4 ~= nil, 'quick fix applied: id is a v4 UUID', line)
      local cleared = vim.wait(10000, function() return has_diag(buf, 'invalid-extension-id') == nil end, 50)
      check(cleared, 'invalid-extension-id cleared after the fix')
    end
  end
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    -- scheduled: :edit inside an autocmd callback would not fire the FileType autocmds
    vim.schedule(function()
      local ok, err = pcall(run)
      if not ok then check(false, 'script error', err) end
      finish()
    end)
  end,
})
