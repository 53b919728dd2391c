// Compares an engine's findings on an annotated file with its annotations, both ways.

import type { Engine } from "../../server/src/engine/engine.ts";
import type { Finding } from "../../server/src/engine/types.ts";
import { readAnnotations } from "./annotations.ts";
import type { FixtureFile } from "./fixtures.ts";

export interface AnnotationDiff {
  readonly missed: string[];
  readonly unexpected: string[];
  readonly findings: Finding[];
}

export function checkAnnotated(engine: Engine, file: FixtureFile, findings?: Finding[]): AnnotationDiff {
  const actual = findings ?? engine.analyze({ path: file.path, language: file.language, text: file.text }).findings;
  const annotations = readAnnotations(file.absolute, file.text, file.language);
  const key = (line: number, ruleId: string) => `${file.path}:${line + 1} ${ruleId}`;
  const expected = annotations.expected.map((e) => key(e.line, e.ruleId));
  const got = actual.map((f) => key(f.range.startPosition.line, f.ruleId));
  const remaining = [...got];
  const missed: string[] = [];
  for (const e of expected) {
    const index = remaining.indexOf(e);
    if (index >= 0) remaining.splice(index, 1);
    else missed.push(e);
  }
  return { missed, unexpected: remaining, findings: actual };
}
