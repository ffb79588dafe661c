-- Headless Neovim end-to-end test of `openapi-security-language-server --stdio`.
-- Works on Neovim 0.7 (Debian bookworm): vim.lsp.start_client, not vim.lsp.start.
-- Prints one line per check and `E2E-RESULT <passed> <failed>`, and always exits with a status.
local node = os.getenv('E2E_NODE') or 'node'
local server = assert(os.getenv('E2E_SERVER'), 'E2E_SERVER not set')
local workspace = assert(os.getenv('E2E_WORKSPACE'), 'E2E_WORKSPACE not set')
local HTTP_RULE = 'owasp:api8:2023-no-server-http'
local WAIT_MS = 15000

local passed, failed = 0, 0
local published = {} -- uri -> latest publishDiagnostics params, as the server sent them
local progress = {} -- `$/progress` values in the order they came, each with its token

local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local function has_code(diagnostics, code)
  for _, d in ipairs(diagnostics or {}) do
    if d.code == code then return d end
  end
  return nil
end

--- Waits (bounded, event loop running) until predicate() is true; errors with `what` otherwise.
local function wait_for(what, predicate)
  if not vim.wait(WAIT_MS, predicate, 20) then error('timed out after ' .. WAIT_MS .. ' ms waiting for ' .. what) end
end

local client_id = vim.lsp.start_client({
  name = 'openapi-security',
  cmd = { node, server, '--stdio' },
  root_dir = workspace,
  -- Every lint reported as progress, however short (the default waits 500 ms).
  init_options = { progressDelayMs = 0 },
  handlers = {
    ['$/progress'] = function(err, result, ctx, config)
      table.insert(progress, { token = result.token, kind = result.value.kind, title = result.value.title, message = result.value.message })
      return vim.lsp.handlers['$/progress'](err, result, ctx, config)
    end,
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      published[result.uri] = result
      return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
    end,
  },
})

local function open(name)
  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/' .. name))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'yaml'
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'attach ' .. name)
  return bufnr, vim.uri_from_bufnr(bufnr)
end

local bufnr, uri
local checks = {
  { 'server starts and initializes', function()
    assert(client_id, 'start_client returned nil')
    wait_for('initialize', function()
      local client = vim.lsp.get_client_by_id(client_id)
      return client ~= nil and client.initialized
    end)
  end },
  { 'diagnostics arrive for an OpenAPI buffer', function()
    bufnr, uri = open('orders.yaml')
    wait_for('diagnostics', function() return published[uri] ~= nil and has_code(published[uri].diagnostics, HTTP_RULE) ~= nil end)
    local d = has_code(published[uri].diagnostics, HTTP_RULE)
    local r = d.range
    assert(r.start.line == 5 and r.start.character == 9 and r['end'].character == 34, 'range ' .. vim.inspect(r))
  end },
  { 'the lint is reported as progress, which Neovim records and sees end', function()
    local token
    wait_for('progress for orders.yaml', function()
      for _, p in ipairs(progress) do
        if p.kind == 'begin' and p.title == 'OpenAPI security' and p.message == 'Linting orders.yaml' then token = p.token end
      end
      if token == nil then return false end
      for _, p in ipairs(progress) do
        if p.token == token and p.kind == 'end' then return true end
      end
      return false
    end)
    local state = vim.lsp.get_client_by_id(client_id).messages.progress[token]
    assert(state and state.done == true, "Neovim's own progress state: " .. vim.inspect(state))
  end },
  { 'hover gives the OWASP reference', function()
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
      textDocument = { uri = uri }, position = { line = 5, character = 15 },
    }, WAIT_MS)
    local response = responses and responses[client_id]
    assert(response and response.result, 'no hover: ' .. vim.inspect(responses))
    local value = response.result.contents.value or ''
    assert(value:find('OWASP API Security Top 10 2023', 1, true), 'hover: ' .. value)
  end },
  { 'code action from the line diagnostics fixes the buffer', function()
    -- The context an editor builds: the diagnostics on the cursor's line, in LSP form.
    local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, 5)
    assert(#line_diagnostics > 0, 'no diagnostics on line 6')
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = uri },
      range = { start = { line = 5, character = 9 }, ['end'] = { line = 5, character = 9 } },
      context = { diagnostics = line_diagnostics },
    }, WAIT_MS)
    local actions = (responses and responses[client_id] and responses[client_id].result) or {}
    local fix
    for _, action in ipairs(actions) do
      if action.title == 'Switch the server URL to https' then fix = action end
    end
    assert(fix and fix.edit, 'fix not offered: ' .. vim.inspect(vim.tbl_map(function(a) return a.title end, actions)))
    local client = vim.lsp.get_client_by_id(client_id)
    vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
    local line = vim.api.nvim_buf_get_lines(bufnr, 5, 6, true)[1]
    assert(line == '  - url: https://api.example.com/v1 # production', 'line 6 is now: ' .. line)
  end },
  { 'the finding goes once the edit is linted', function()
    wait_for('the finding to go', function()
      local p = published[uri]
      return p ~= nil and #p.diagnostics > 0 and has_code(p.diagnostics, HTTP_RULE) == nil
    end)
  end },
  { 'a YAML file that is not OpenAPI gets nothing', function()
    local other, other_uri = open('not-openapi.yaml')
    -- Sentinel: the server handles messages in order, so once a later edit of orders.yaml is
    -- published, the open of not-openapi.yaml has been processed too.
    vim.api.nvim_buf_set_lines(bufnr, 0, 0, true, { '# touched' })
    wait_for('the sentinel edit', function()
      local p = published[uri]
      local d = p and has_code(p.diagnostics, 'owasp:api1:2023-no-numeric-ids')
      return d ~= nil and d.range.start.line == 16
    end)
    local p = published[other_uri]
    assert(p == nil or #p.diagnostics == 0, vim.inspect(p))
    assert(#vim.diagnostic.get(other) == 0)
  end },
  { 'no workspace code ran', function()
    assert(vim.fn.filereadable(workspace .. '/WORKSPACE-CODE-RAN') == 0, 'the marker exists')
    -- Neovim sends no workspaceTrusted: the ruleset's custom JavaScript function must not run.
    assert(vim.fn.filereadable(workspace .. '/SPECTRAL-FUNCTION-RAN') == 0, 'the Spectral function marker exists')
  end },
  { 'server shuts down cleanly', function()
    vim.lsp.stop_client(client_id)
    wait_for('the server to stop', function() return vim.lsp.get_client_by_id(client_id) == nil end)
  end },
}

for _, check in ipairs(checks) do
  local name, fn = check[1], check[2]
  if failed > 0 then
    -- Later checks depend on earlier ones: report them as not run, and count them failed.
    out('not ok - ' .. name .. ' (not run)')
    failed = failed + 1
  else
    local ok, err = pcall(fn)
    if ok then
      passed = passed + 1
      out('ok - ' .. name)
    else
      failed = failed + 1
      out('not ok - ' .. name .. ': ' .. tostring(err))
    end
  end
end
out(string.format('E2E-RESULT %d %d', passed, failed))
if failed > 0 then vim.cmd('cquit 1') else vim.cmd('qall!') end
