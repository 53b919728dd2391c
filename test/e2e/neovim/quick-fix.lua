-- Drives Neovim's built-in LSP client (0.7+) against `sterile lsp --stdio`: open the fixture's
-- src/wifi.c, wait for Sterile's diagnostics, ask for code actions on the cleartext URL, apply
-- the "Use https://" quick fix, wait for the finding to go, save. Every step is recorded as JSON
-- in $STERILE_RESULT; the Node test reads it.

local root = os.getenv("STERILE_ROOT")
local result_path = os.getenv("STERILE_RESULT")
local cmd = { os.getenv("STERILE_NODE"), os.getenv("STERILE_CLI"), "lsp", "--stdio" }
local steps = {}

local function finish(err)
  steps.error = err
  local f = io.open(result_path, "w")
  f:write(vim.fn.json_encode(steps))
  f:close()
  vim.cmd("qa!")
end

local function sterile_diagnostics(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    if (lsp.source or d.source) == "sterile" then
      -- Neovim 0.7 keeps only some LSP fields in user_data; rebuild the range and diagnostic.
      local range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } }
      local raw = { range = range, severity = d.severity, code = lsp.code, source = "sterile", message = d.message }
      table.insert(out, { code = lsp.code, line = d.lnum, message = d.message, range = range, raw = raw })
    end
  end
  return out
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(root .. "/src/wifi.c"))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "sterile",
    cmd = cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = "ward-monitor" } },
  })
  assert(client_id, "start_client failed")
  vim.lsp.buf_attach_client(bufnr, client_id)

  local started = vim.loop.hrtime()
  local got = vim.wait(15000, function() return #sterile_diagnostics(bufnr) >= 2 end, 20)
  steps.first_diagnostics_ms = (vim.loop.hrtime() - started) / 1e6
  steps.diagnostics = {}
  for _, d in ipairs(sterile_diagnostics(bufnr)) do table.insert(steps.diagnostics, { code = d.code, line = d.line, message = d.message }) end
  assert(got, "no diagnostics within 15 s")

  local target
  for _, d in ipairs(sterile_diagnostics(bufnr)) do
    if d.code == "cleartext-url" then target = d end
  end
  assert(target, "no cleartext-url diagnostic")
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = target.range,
    context = { diagnostics = { target.raw } },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 10000)
  local actions = {}
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do table.insert(actions, action) end
  end
  steps.actions = {}
  local fix
  for _, action in ipairs(actions) do
    table.insert(steps.actions, action.title)
    if action.title:find("^Use https://") then fix = action end
  end
  assert(fix and fix.edit, "no quick fix offered")
  vim.lsp.util.apply_workspace_edit(fix.edit, "utf-16")
  steps.line_after_fix = vim.api.nvim_buf_get_lines(bufnr, 7, 8, false)[1]

  local gone = vim.wait(15000, function()
    for _, d in ipairs(sterile_diagnostics(bufnr)) do
      if d.code == "cleartext-url" then return false end
    end
    return #sterile_diagnostics(bufnr) >= 1
  end, 20)
  steps.after = {}
  for _, d in ipairs(sterile_diagnostics(bufnr)) do table.insert(steps.after, { code = d.code, line = d.line }) end
  assert(gone, "the cleartext-url finding did not go away after the fix")

  local hover = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = 6, character = 22 },
  }, 10000)
  for _, response in pairs(hover or {}) do
    if response.result then steps.hover = response.result.contents.value end
  end

  vim.cmd("write")
  vim.lsp.stop_client(client_id)
end)

finish(not ok and tostring(err) or nil)
