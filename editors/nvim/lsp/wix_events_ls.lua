-- wix-events-ls for Neovim 0.11+ (vim.lsp.config). Put this file on your runtimepath as
-- lsp/wix_events_ls.lua (e.g. ~/.config/nvim/lsp/wix_events_ls.lua), then:
--   vim.lsp.enable('wix_events_ls')
-- Override anything with vim.lsp.config('wix_events_ls', { settings = { wixEvents = { ... } } }).
-- Self-contained on purpose (no lspconfig needed); keep the file list in step with
-- editors/nvim/lua/wix_events_ls/lspconfig.lua and the server's file classifier.

local uv = vim.uv or vim.loop

--- Is this a file the server handles? (as index/kind.go: .js/.jsw under backend/, CLI builders,
--- src/extensions.ts, .ts handlers under backend/events/)
local function handles(fname)
  local f = fname:gsub('\\', '/')
  if f:match('%.extension%.ts$') or f:match('/src/extensions%.ts$') then return true end
  if f:match('/backend/events/.+%.ts$') then return not f:match('%.d%.ts$') end
  return f:match('/backend/.+%.jsw?$') ~= nil
end

local function exists(p) return uv.fs_stat(p) ~= nil end

--- The workspace root: the Wix CLI app holding src/extensions.ts, else the nearest
--- package.json, else the nearest .git, else the file's folder.
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

---@type vim.lsp.Config
return {
  -- Started per root, so each project runs the version it pins in its package.json.
  cmd = function(dispatchers, config)
    return vim.lsp.rpc.start(server_cmd((config or {}).root_dir), dispatchers)
  end,
  filetypes = { 'javascript', 'typescript' },
  -- Only start for (and attach to) the files the server handles, rooted as above.
  root_dir = function(bufnr, on_dir)
    local fname = vim.api.nvim_buf_get_name(bufnr)
    if fname ~= '' and handles(fname) then on_dir(find_root(fname)) end
  end,
  settings = {
    wixEvents = {
      -- severity per rule code: off | hint | info | warning | error
      severity = vim.empty_dict(),
      -- extra catalog entries: { handlers = { ... }, sdkEvents = { ... } }
      catalog = vim.empty_dict(),
      -- globs of files to skip
      ignore = {},
    },
  },
  -- The server reads the same section from initializationOptions at startup.
  before_init = function(params, config)
    params.initializationOptions = (config.settings or {}).wixEvents
  end,
}
