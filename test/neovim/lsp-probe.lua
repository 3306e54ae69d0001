-- Headless Neovim as an LSP editor: starts the Schemawise language server with its built-in client,
-- opens a .sql file, asks for a completion and a hover, writes what came back as JSON and quits.
-- Written for Neovim 0.7 (Debian bookworm), so it uses vim.lsp.start_client + buf_attach_client
-- (vim.lsp.start only exists from 0.8). Everything comes from environment variables:
--   SW_SERVER  path of the bundled server.js     SW_SCHEMA  schema snapshot (JSON)
--   SW_SQL     .sql file to open                  SW_OUT     where to write the JSON result
--   SW_COMPLETE_AT / SW_HOVER_AT  "line:character" (0-based, as LSP counts)
--   SW_TIMEOUT_MS  bound for each wait (default 15000)
local env = function(name)
  local v = os.getenv(name)
  if not v or v == '' then error('missing environment variable ' .. name) end
  return v
end
local timeout = tonumber(os.getenv('SW_TIMEOUT_MS') or '') or 15000
local out = env('SW_OUT')

local function position(spec)
  local line, character = spec:match('^(%d+):(%d+)$')
  if not line then error('bad position ' .. spec) end
  return { line = tonumber(line), character = tonumber(character) }
end

local function probe()
  local schema_status = nil
  local messages = {}
  local client_id = vim.lsp.start_client({
    name = 'schemawise',
    cmd = { 'node', '--max-semi-space-size=2', '--single-threaded-gc', '--heap-growing-percent=50', env('SW_SERVER'), '--stdio', '--schema', env('SW_SCHEMA') },
    root_dir = vim.fn.fnamemodify(env('SW_SQL'), ':p:h'),
    handlers = {
      -- The server announces each schema it loads; completions before that would have no columns.
      ['schemawise/schemaChanged'] = function(_, status) schema_status = status end,
      ['window/showMessage'] = function(_, m) table.insert(messages, m.message) end,
    },
  })
  if not client_id then error('vim.lsp.start_client failed') end

  vim.cmd('edit ' .. vim.fn.fnameescape(env('SW_SQL')))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'sql'
  vim.lsp.buf_attach_client(buf, client_id)

  -- Stop waiting on the schema, or on the first message the server shows (an error loading it).
  vim.wait(timeout, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized and (schema_status ~= nil or #messages > 0)
  end, 20)
  if schema_status == nil then
    error('language server did not load the schema within ' .. timeout .. ' ms; messages: ' .. table.concat(messages, ' | '))
  end

  local function request(method, at)
    local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = position(at) }
    local responses, err = vim.lsp.buf_request_sync(buf, method, params, timeout)
    if not responses then error(method .. ' failed: ' .. tostring(err)) end
    local r = responses[client_id]
    if not r then error(method .. ': no response from the schemawise client') end
    if r.err then error(method .. ': ' .. vim.inspect(r.err)) end
    return r.result
  end

  return {
    nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch),
    schema = schema_status,
    completion = request('textDocument/completion', env('SW_COMPLETE_AT')),
    hover = request('textDocument/hover', env('SW_HOVER_AT')),
    messages = messages,
  }
end

local ok, result = pcall(probe)
if not ok then result = { error = tostring(result) } end
vim.fn.writefile({ vim.fn.json_encode(result) }, out)
for _, client in pairs(vim.lsp.get_active_clients()) do client.stop() end
vim.cmd(ok and 'qall!' or 'cquit! 1')
