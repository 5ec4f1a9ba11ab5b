-- Drives Neovim's built-in LSP client (0.7 API) against the capl-ids server and writes what
-- it saw as JSON, for test/lsp/neovim.test.ts. Run headless:
--   CAPL_IDS_NVIM_SPEC=spec.json nvim --headless -u NONE -i NONE -n -c "luafile collect.lua"
-- spec.json: { node, server, root, settings?, timeoutMs, out,
--              files: [ { path, hovers: [ { needle, delta } ], references: [ { needle, delta } ] } ] }
-- The result: { files: [ { path, hovers: [ { needle, line, character, markdown } ],
--               references: [ { needle, locations: [ { uri, line, character } ] } ],
--               diagnostics: [ { code, severity, message, source, lnum, col, end_lnum, end_col } ] } ],
--               logs, errors, server_exit }
-- Every wait is vim.wait with a condition and the spec's timeout; nvim always quits at the end.

local spec_path = os.getenv('CAPL_IDS_NVIM_SPEC')
local spec = vim.fn.json_decode(table.concat(vim.fn.readfile(spec_path), '\n'))
local timeout = spec.timeoutMs or 10000
local result = { files = {}, logs = {}, errors = {}, server_exit = vim.NIL }
local published = {}

local function wait(what, condition)
  if not vim.wait(timeout, condition, 20) then
    table.insert(result.errors, 'timed out waiting for ' .. what)
    return false
  end
  return true
end

local function hover_markdown(response)
  if not response or not response.result or not response.result.contents then return vim.NIL end
  local contents = response.result.contents
  if type(contents) == 'string' then return contents end
  if contents.value then return contents.value end
  return vim.fn.json_encode(contents)
end

local function collect()
  local client_id = vim.lsp.start_client({
    name = 'capl-ids',
    cmd = { spec.node, spec.server, '--stdio' },
    root_dir = spec.root,
    workspace_folders = { { uri = vim.uri_from_fname(spec.root), name = 'examples' } },
    settings = spec.settings and { ['capl-ids'] = spec.settings } or nil,
    handlers = {
      ['window/logMessage'] = function(_, params)
        table.insert(result.logs, params.message)
      end,
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        published[params.uri] = (published[params.uri] or 0) + 1
        return vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      end,
    },
    on_exit = function(code, signal)
      result.server_exit = { code = code, signal = signal }
    end,
  })
  if not client_id then
    table.insert(result.errors, 'vim.lsp.start_client failed')
    return
  end
  local client = vim.lsp.get_client_by_id(client_id)
  if not wait('the server to initialize', function() return client.initialized == true end) then return end

  for _, file in ipairs(spec.files) do
    vim.cmd('silent! edit! ' .. vim.fn.fnameescape(file.path))
    local bufnr = vim.api.nvim_get_current_buf()
    vim.bo[bufnr].filetype = 'capl'
    vim.lsp.buf_attach_client(bufnr, client_id)
    local uri = vim.uri_from_bufnr(bufnr)
    local entry = { path = file.path, uri = uri, hovers = {}, diagnostics = {} }
    table.insert(result.files, entry)

    local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    local function position_of(target)
      for index, line in ipairs(lines) do
        local column = string.find(line, target.needle, 1, true)
        if column then
          local _, utf16 = vim.str_utfindex(line, column - 1 + (target.delta or 0))
          return { line = index - 1, character = utf16 }
        end
      end
      table.insert(result.errors, 'not found in ' .. file.path .. ': ' .. target.needle)
      return nil
    end
    local function request(method, params)
      local responses = vim.lsp.buf_request_sync(bufnr, method, params, timeout)
      local response = responses and responses[client_id]
      if response and response.err then table.insert(result.errors, method .. ' failed: ' .. vim.inspect(response.err)) end
      return response
    end

    for _, target in ipairs(file.hovers or {}) do
      local found = position_of(target)
      if found then
        local response = request('textDocument/hover', { textDocument = { uri = uri }, position = found })
        table.insert(entry.hovers, { needle = target.needle, line = found.line, character = found.character, markdown = hover_markdown(response) })
      end
    end

    entry.references = {}
    if file.references then
      -- References answer for the whole workspace: wait until the server has read it.
      wait('the workspace to be indexed', function()
        for _, message in ipairs(result.logs) do
          if message:find('^capl%-ids: indexed') then return true end
        end
        return false
      end)
    end
    for _, target in ipairs(file.references or {}) do
      local found = position_of(target)
      if found then
        local response = request('textDocument/references', { textDocument = { uri = uri }, position = found, context = { includeDeclaration = true } })
        local locations = {}
        for _, location in ipairs((response and response.result) or {}) do
          table.insert(locations, { uri = location.uri, line = location.range.start.line, character = location.range.start.character })
        end
        table.insert(entry.references, { needle = target.needle, locations = locations })
      end
    end

    wait('diagnostics of ' .. file.path, function() return (published[uri] or 0) > 0 and #vim.diagnostic.get(bufnr) > 0 end)
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(entry.diagnostics, {
        code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or vim.NIL,
        severity = d.severity, message = d.message, source = d.source or vim.NIL,
        lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      })
    end
  end

  vim.lsp.stop_client(client_id)
  wait('the server to exit after shutdown', function() return result.server_exit ~= vim.NIL end)
end

local ok, err = pcall(collect)
if not ok then table.insert(result.errors, 'error: ' .. tostring(err)) end
vim.fn.writefile({ vim.fn.json_encode(result) }, spec.out)
vim.cmd('qall!')
