// `sterile report --format html`: one self-contained page (inline CSS, no scripts, fonts or images
// from elsewhere) that reads on screen and prints cleanly to PDF for a submission or a design
// history file: A4 pages, table headers repeated on each page, rows never split.

import type { Severity } from "../engine/types.ts";
import { humanTime, SEVERITIES, type CountRow, type Evidence } from "./evidence.ts";

function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

const CSS = `
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --error: #b3261e; --warning: #8a5a00; --note: #0b5cad; --ok: #1a7f37; }
* { box-sizing: border-box; }
html { font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
body { margin: 0 auto; max-width: 1040px; padding: 28px 32px 48px; }
h1 { font-size: 19pt; margin: 0 0 2px; letter-spacing: -0.01em; }
h2 { font-size: 13pt; margin: 26px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 11pt; margin: 16px 0 6px; }
p { margin: 4px 0 8px; }
.subtitle { color: var(--muted); margin: 0 0 16px; }
.cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 8px; margin: 14px 0 6px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; background: var(--soft); }
.card .n { font-size: 18pt; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
.card .l { color: var(--muted); font-size: 8.5pt; text-transform: uppercase; letter-spacing: 0.04em; }
.card.error .n { color: var(--error); } .card.warning .n { color: var(--warning); } .card.note .n { color: var(--note); }
.verdict { border-left: 4px solid var(--ok); background: #eef8f0; padding: 8px 12px; margin: 10px 0; }
.verdict.fail { border-left-color: var(--error); background: #fdf0ef; }
table { width: 100%; border-collapse: collapse; margin: 6px 0 10px; font-size: 9.5pt; }
th, td { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; border-bottom: 1px solid #afb8c1; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.kv th { width: 190px; background: none; border-bottom: 1px solid var(--line); font-weight: 600; color: var(--muted); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 8.8pt; }
.hash { word-break: break-all; color: var(--muted); }
.key { white-space: nowrap; }
.wrap { word-break: break-word; overflow-wrap: anywhere; }
.sev { display: inline-block; min-width: 58px; padding: 0 6px; border-radius: 10px; font-size: 8.5pt; font-weight: 600; text-align: center; color: #fff; }
.sev.error { background: var(--error); } .sev.warning { background: var(--warning); } .sev.note { background: var(--note); }
.muted { color: var(--muted); }
.zero { color: #8c959f; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 0 22px; }
footer { margin-top: 28px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 8.5pt; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  html { font-size: 9.5pt; }
  body { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  table { break-inside: auto; }
  tr, .card, .verdict { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  .cards { grid-template-columns: repeat(6, 1fr); }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

function sev(severity: Severity): string {
  return `<span class="sev ${severity}">${severity}</span>`;
}

/** A list whose items never break inside (`CWE-798`, `2026-03-31`), only between. */
function items(list: readonly string[], separator = ", "): string {
  return list.map((item) => `<span class="key">${esc(item)}</span>`).join(separator);
}

function num(n: number): string {
  return `<td class="num${n === 0 ? " zero" : ""}">${n}</td>`;
}

function countTable(caption: string, rows: readonly CountRow[], keyHeader: string, showRules: boolean): string {
  if (rows.length === 0) return "";
  const body = rows
    .map((row) => {
      const key = row.href ? `<a href="${esc(row.href)}">${esc(row.key)}</a>` : esc(row.key);
      return `<tr><td class="mono key">${key}</td><td>${esc(row.title)}</td>${showRules ? `<td class="mono wrap">${esc(row.rules.join(", "))}</td>` : ""}${num(row.active)}${num(row.suppressed)}</tr>`;
    })
    .join("\n");
  return `<h3>${esc(caption)}</h3>
<table><thead><tr><th>${esc(keyHeader)}</th><th>Title</th>${showRules ? "<th>Checked by</th>" : ""}<th class="num">Open</th><th class="num">Suppressed</th></tr></thead>
<tbody>
${body}
</tbody></table>`;
}

export function formatEvidenceHtml(evidence: Evidence): string {
  const t = evidence.totals;
  const failing = t.findings > 0 || t.internalErrors > 0;
  const accepted = `${t.suppressed} finding${t.suppressed === 1 ? " is" : "s are"} accepted as a documented risk (${t.suppressions} justified suppression${t.suppressions === 1 ? "" : "s"} recorded).`;
  const verdict = failing
    ? `${t.findings} open finding${t.findings === 1 ? "" : "s"} (${t.bySeverity.error} error, ${t.bySeverity.warning} warning, ${t.bySeverity.note} note)${t.internalErrors > 0 ? `; ${t.internalErrors} internal error${t.internalErrors === 1 ? "" : "s"}: coverage is incomplete` : ""}. ${accepted}`
    : `No open findings in ${t.files} file${t.files === 1 ? "" : "s"}. ${accepted}`;
  const cards = [
    ["Files scanned", t.files, ""],
    ["Open errors", t.bySeverity.error, "error"],
    ["Open warnings", t.bySeverity.warning, "warning"],
    ["Open notes", t.bySeverity.note, "note"],
    ["Suppressed", t.suppressed, ""],
    ["Skipped files", t.skipped, ""],
  ]
    .map(([label, n, cls]) => `<div class="card ${cls}"><div class="n">${esc(n!)}</div><div class="l">${esc(label!)}</div></div>`)
    .join("");
  const kv = [
    ["Tool", `${evidence.tool.name} ${evidence.tool.version}`],
    ["Rule set", `${evidence.ruleSet.rules} rules, version ${evidence.ruleSet.version}, digest sha256:${evidence.ruleSet.digest}`],
    ["Report generated", humanTime(evidence.generatedAt)],
    ["Scan", `${humanTime(evidence.startedAt)} to ${humanTime(evidence.finishedAt)}, ${evidence.parser} parser`],
    ["Baseline in use", evidence.baseline],
  ]
    .map(([k, v]) => `<tr><th>${esc(k!)}</th><td>${esc(v!)}</td></tr>`)
    .join("\n");
  const findings =
    evidence.findings.length === 0
      ? `<p class="muted">None.</p>`
      : `<table><thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Message</th><th>CWE</th></tr></thead><tbody>
${evidence.findings.map((f) => `<tr><td>${sev(f.severity)}</td><td class="mono">${esc(f.ruleId)}</td><td class="mono wrap">${esc(`${f.path}:${f.line}:${f.column}`)}</td><td class="wrap">${esc(f.message)}</td><td class="mono">${items(f.cwe)}</td></tr>`).join("\n")}
</tbody></table>`;
  const suppressions =
    evidence.suppressions.length === 0
      ? `<p class="muted">No suppressions.</p>`
      : `<table><thead><tr><th>Where</th><th>Rules</th><th>Covers</th><th>Justification</th><th>Author</th><th>Expires</th><th class="num">Findings</th></tr></thead><tbody>
${evidence.suppressions
  .map(
    (s) =>
      `<tr><td class="mono wrap">${esc(s.where)}<br><span class="muted">${esc(s.kind === "external" ? "project config" : s.form)}</span></td><td class="mono wrap">${esc(s.rules.join(", "))}</td><td class="mono wrap">${esc(s.scope)}</td><td class="wrap">${esc(s.justification)}</td><td>${esc(s.by ?? "not recorded")}</td><td class="mono key">${esc(s.until ?? "no expiry")}</td>${num(s.suppressed)}</tr>`,
  )
  .join("\n")}
</tbody></table>`;
  const suppressedFindings =
    evidence.suppressedFindings.length === 0
      ? ""
      : `<h3>Suppressed findings</h3>
<table><thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Message</th><th>Suppressed by</th></tr></thead><tbody>
${evidence.suppressedFindings.map((f) => `<tr><td>${sev(f.severity)}</td><td class="mono">${esc(f.ruleId)}</td><td class="mono wrap">${esc(`${f.path}:${f.line}:${f.column}`)}</td><td class="wrap">${esc(f.message)}</td><td class="mono wrap">${esc(f.where)}</td></tr>`).join("\n")}
</tbody></table>`;
  const files = `<table><thead><tr><th>File</th><th>Language</th><th>SHA-256</th></tr></thead><tbody>
${evidence.files.map((f) => `<tr><td class="mono wrap">${esc(f.path)}</td><td>${esc(f.language)}</td><td class="mono hash">${esc(f.sha256 ?? "not recorded")}</td></tr>`).join("\n")}
</tbody></table>`;
  const skipped =
    evidence.skipped.length === 0
      ? ""
      : `<h3>Not scanned</h3><table><thead><tr><th>File</th><th>Reason</th><th>Detail</th></tr></thead><tbody>
${evidence.skipped.map((s) => `<tr><td class="mono wrap">${esc(s.path)}</td><td>${esc(s.reason)}</td><td class="wrap">${esc(s.detail)}</td></tr>`).join("\n")}
</tbody></table>`;
  const failures =
    evidence.failures.length === 0
      ? ""
      : `<h3>Internal errors (these files were not fully checked)</h3><table><thead><tr><th>Rule</th><th>File</th><th>Error</th></tr></thead><tbody>
${evidence.failures.map((f) => `<tr><td class="mono">${esc(f.ruleId)}</td><td class="mono wrap">${esc(f.path)}</td><td class="wrap">${esc(f.message)}</td></tr>`).join("\n")}
</tbody></table>`;
  const rules = `<table><thead><tr><th>Rule</th><th>Title</th><th>Severity</th><th>CWE</th><th>Standards</th></tr></thead><tbody>
${evidence.rules.map((r) => `<tr><td class="mono">${esc(r.id)}</td><td>${esc(r.title)}</td><td>${sev(r.severity)}</td><td class="mono">${items(r.cwe)}</td><td class="mono wrap">${esc(r.clauses.join("; "))}</td></tr>`).join("\n")}
</tbody></table>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(`${evidence.tool.name} ${evidence.tool.version}`)}">
<title>${esc(`Static analysis evidence: ${evidence.project}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Static analysis evidence: ${esc(evidence.project)}</h1>
<p class="subtitle">Firmware security scan by ${esc(evidence.tool.name)} ${esc(evidence.tool.version)}, ${esc(humanTime(evidence.generatedAt))}</p>
</header>
<div class="cards">${cards}</div>
<div class="verdict${failing ? " fail" : ""}">${esc(verdict)}</div>

<h2>1. Tool and configuration</h2>
<table class="kv"><tbody>
${kv}
<tr><th>Command line</th><td><code class="wrap">${esc(evidence.commandLine)}</code></td></tr>
</tbody></table>

<h2>2. Findings by category</h2>
<div class="two">
<div>${countTable("By severity", evidence.bySeverity, "Severity", false)}</div>
<div>${countTable("By family", evidence.byFamily, "Family", false)}</div>
</div>
${countTable("By CWE", evidence.byCwe, "CWE", true)}
${countTable("By standard clause", evidence.byClause, "Clause", true)}
<p class="muted">Clause ids and titles: OWASP IoT Top 10 (2018), IEC 62443-4-2 component requirements, FDA premarket cybersecurity guidance. Sources and verification status are listed in Sterile's docs/standards.md. A clause row counts the findings of the rules mapped to it; zero means those checks ran and found nothing.</p>

<h2>3. Open findings (${t.findings})</h2>
${findings}

<h2>4. Accepted risks: suppressions (${t.suppressions})</h2>
<p>Each suppression records why a finding is acceptable. Suppressions without a justification, expired ones and ones naming unknown rules are not honoured; they appear above as <code>invalid-suppression</code> findings (${t.invalidSuppressions} in this scan).</p>
${suppressions}
${suppressedFindings}

<h2>5. Scanned scope (${t.files} file${t.files === 1 ? "" : "s"})</h2>
${files}
${skipped}
${failures}

<h2>6. Rules applied (${evidence.rules.length})</h2>
${rules}

<footer>Generated by ${esc(evidence.tool.name)} ${esc(evidence.tool.version)} (rule set sha256:${esc(evidence.ruleSet.digest)}). Paths are relative to the project root. Messages name settings and identifiers, never secret values. Severity order: ${SEVERITIES.join(", ")}.</footer>
</body>
</html>
`;
}
