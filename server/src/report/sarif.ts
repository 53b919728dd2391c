// SARIF 2.1.0 for GitHub code scanning and other consumers. Rule docs travel in `help` (there is
// no public URL for `helpUri` yet); URIs are relative to `%SRCROOT%`, the project root.

import { pathToFileURL } from "node:url";
import { describeStandards } from "../../../rules/standards.ts";
import type { Suppression } from "../engine/suppressions.ts";
import type { Rule, Severity, TextRange } from "../engine/types.ts";
import type { ScanReport } from "./model.ts";
import { FINGERPRINT_KEY } from "./fingerprint.ts";
import { docsSummary } from "./rule-docs.ts";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const DEFAULT_SECURITY_SEVERITY: Readonly<Record<Severity, number>> = { error: 8.0, warning: 5.5, note: 3.0 };

function region(range: TextRange) {
  return {
    startLine: range.startPosition.line + 1,
    startColumn: range.startPosition.character + 1,
    endLine: range.endPosition.line + 1,
    endColumn: range.endPosition.character + 1,
    charOffset: range.start,
    charLength: range.end - range.start,
  };
}

function artifactLocation(path: string) {
  return { uri: encodeURI(path), uriBaseId: "%SRCROOT%" };
}

/** SARIF §3.35: how a result was suppressed, where the suppression is written, and why. */
function sarifSuppression(suppression: Suppression) {
  const { location } = suppression;
  return {
    kind: suppression.kind,
    status: suppression.status,
    justification: suppression.justification,
    location: {
      physicalLocation: {
        artifactLocation: artifactLocation(location.path),
        region: location.range ? region(location.range) : { startLine: location.line + 1 },
      },
    },
    properties: {
      form: suppression.form,
      ...(suppression.until ? { until: suppression.until } : {}),
      ...(suppression.by ? { by: suppression.by } : {}),
      ...(suppression.pattern ? { pattern: suppression.pattern } : {}),
    },
  };
}

function sarifRule(rule: Rule) {
  const standards = describeStandards(rule.standards);
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_, __, ch: string) => ch.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: docsSummary(rule.docs) || rule.message },
    help: { text: rule.docs, markdown: rule.docs },
    defaultConfiguration: { level: rule.severity },
    properties: {
      tags: ["security", rule.family, ...rule.cwe, ...rule.cwe.map((cwe) => `external/cwe/${cwe.toLowerCase()}`)],
      precision: "high",
      "security-severity": (rule.securitySeverity ?? DEFAULT_SECURITY_SEVERITY[rule.severity]).toFixed(1),
      cwe: [...rule.cwe],
      standards,
    },
  };
}

export function buildSarif(report: ScanReport) {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index]));
  const notifications = [
    ...report.skipped.map((skip) => ({
      level: "warning" as const,
      descriptor: { id: `skipped-${skip.reason}` },
      message: { text: `Skipped ${skip.path}: ${skip.reason} (${skip.detail})` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(skip.path) } }],
    })),
    ...report.failures.map((failure) => ({
      level: "error" as const,
      descriptor: { id: "internal-error" },
      associatedRule: { id: failure.ruleId, ...(ruleIndex.has(failure.ruleId) ? { index: ruleIndex.get(failure.ruleId) } : {}) },
      message: { text: `Rule ${failure.ruleId} failed on ${failure.path}: ${failure.message}` },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(failure.path) } }],
    })),
  ];
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: report.rules.map(sarifRule),
          },
        },
        invocations: [
          {
            executionSuccessful: report.failures.length === 0,
            commandLine: report.commandLine,
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        originalUriBaseIds: {
          "%SRCROOT%": { uri: pathToFileURL(report.root.endsWith("/") ? report.root : `${report.root}/`).href },
        },
        columnKind: "utf16CodeUnits",
        results: report.findings.map((finding) => ({
          ruleId: finding.ruleId,
          ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
          level: finding.severity,
          message: { text: finding.message },
          locations: [{ physicalLocation: { artifactLocation: artifactLocation(finding.path), region: region(finding.range) } }],
          partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
          ...(finding.suppression ? { suppressions: [sarifSuppression(finding.suppression)] } : {}),
          ...(report.baseline ? { baselineState: finding.baselineState ?? "new" } : {}),
          ...(finding.related.length > 0
            ? {
                relatedLocations: finding.related.map((related, id) => ({
                  id,
                  message: { text: related.message },
                  physicalLocation: { artifactLocation: artifactLocation(related.path), region: region(related.range) },
                })),
              }
            : {}),
          ...(finding.fixes.length > 0
            ? {
                fixes: finding.fixes.map((fix) => ({
                  description: { text: `${fix.title} (${fix.safety} fix)` },
                  artifactChanges: [
                    {
                      artifactLocation: artifactLocation(finding.path),
                      replacements: fix.edits.map((edit) => ({
                        deletedRegion: { charOffset: edit.start, charLength: edit.end - edit.start },
                        insertedContent: { text: edit.newText },
                      })),
                    },
                  ],
                })),
              }
            : {}),
        })),
      },
    ],
  };
}

export function formatSarif(report: ScanReport): string {
  return `${JSON.stringify(buildSarif(report), null, 2)}\n`;
}
