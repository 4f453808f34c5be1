-- wix-events-ls in nvim-lspconfig's server-configuration shape (the shape of
-- lspconfig's lua/lspconfig/server_configurations/<name>.lua). Register and start it with:
--   require('lspconfig.configs').wix_events_ls = require('wix_events_ls.lspconfig')
--   require('lspconfig').wix_events_ls.setup({ settings = { wixEvents = { severity = { ['unknown-handler'] = 'error' } } } })
-- (editors/nvim must be on your runtimepath, e.g. as a plugin directory.)
-- Self-contained: no lspconfig.util, so it also works with plain vim.lsp.start_client.

local uv = vim.uv or vim.loop

local function handles(fname)
  local f = fname:gsub('\\', '/')
  if f:match('%.extension%.ts$') or f:match('/src/extensions%.ts$') then return true end
  if f:match('/backend/events/.+%.ts$') then return not f:match('%.d%.ts$') end
  return f:match('/backend/.+%.jsw?$') ~= nil
end

local function exists(p) return uv.fs_stat(p) ~= nil end

local function find_root(fname)
  local start = vim.fn.fnamemodify(fname, ':p:h')
  local function up(marker)
    local d = start
    while d and d ~= '' do
      if exists(d .. '/' .. marker) then return d end
      local parent = vim.fn.fnamemodify(d, ':h')
      if parent == d then return nil end
      d = parent
    end
  end
  return up('src/extensions.ts') or up('package.json') or up('.git') or start
end

--- The project's own wix-events-ls (`npm i -D wix-events-ls`): node_modules/.bin/wix-events-ls in
--- root_dir or a folder above it (a monorepo hoists node_modules), as node resolves it; nil if none.
local function workspace_bin(root_dir)
  local d = root_dir
  while d and d ~= '' do
    local bin = d .. '/node_modules/.bin/wix-events-ls'
    if vim.fn.executable(bin) == 1 then return bin end
    local parent = vim.fn.fnamemodify(d, ':h')
    if parent == d then return nil end
    d = parent
  end
end

--- The server command: $WIX_EVENTS_LS_PATH, else the project's node_modules/.bin/wix-events-ls,
--- else wix-events-ls on PATH.
local function server_cmd(root_dir)
  local bin = vim.env.WIX_EVENTS_LS_PATH
  if not bin or bin == '' then bin = (root_dir and workspace_bin(root_dir)) or 'wix-events-ls' end
  return { bin, 'serve' }
end

return {
  default_config = {
    cmd = server_cmd(nil),
    filetypes = { 'javascript', 'typescript' },
    -- nil for files the server does not handle, so lspconfig does not attach to them
    root_dir = function(fname)
      if handles(fname) then return find_root(fname) end
    end,
    single_file_support = false,
    settings = {
      wixEvents = { severity = vim.empty_dict(), catalog = vim.empty_dict(), ignore = {} },
    },
    before_init = function(params, config)
      params.initializationOptions = (config.settings or {}).wixEvents
    end,
  },
  -- lspconfig calls this with each new root: the project's own binary when it has one.
  on_new_config = function(new_config, root_dir)
    new_config.cmd = server_cmd(root_dir)
  end,
  docs = {
    description = [[
https://github.com/wix-events-ls/wix-events-ls

Language server for Wix backend events: Velo `events.js` handlers and Wix CLI app event
extensions (`*.extension.ts`, `src/extensions.ts`). Diagnostics, completion, hover, quick fixes.
`npm i -D wix-events-ls` in the project (used from its node_modules/.bin), or build it with
`go build ./cmd/wix-events-ls` and put `wix-events-ls` on your PATH (or set `WIX_EVENTS_LS_PATH`).
]],
    default_config = {
      root_dir = [[the folder holding src/extensions.ts, else the nearest package.json, else .git]],
    },
  },
}
