// Precision and recall of the de-identification checker on test/fixtures/deid/corpus.json.
// Run: npx tsx bench/deid-corpus.ts   (figures go in docs/benchmarks.md)
// A match counts as a true positive when detector and value equal an expected entry of its case.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findPersonalData } from '../src/server/modules/apps/deid/deid.js';

interface Case {
  text: string;
  expect: Array<{ detector: string; value: string }>;
}
const file = fileURLToPath(new URL('../test/fixtures/deid/corpus.json', import.meta.url));
const { cases } = JSON.parse(readFileSync(file, 'utf8')) as { cases: Case[] };
const perDetector = new Map<string, { tp: number; fp: number; fn: number }>();
const tally = (detector: string) => {
  const entry = perDetector.get(detector) ?? { tp: 0, fp: 0, fn: 0 };
  perDetector.set(detector, entry);
  return entry;
};
const started = performance.now();
for (const c of cases) {
  const found = findPersonalData(c.text).map((m) => `${m.detector}\u0000${m.value}`);
  const expected = c.expect.map((e) => `${e.detector}\u0000${e.value}`);
  for (const f of found) {
    const [detector] = f.split('\u0000');
    if (expected.includes(f)) tally(detector!).tp++;
    else {
      tally(detector!).fp++;
      console.log(`false positive: ${JSON.stringify(c.text)} → ${f.replace('\u0000', ' ')}`);
    }
  }
  for (const e of expected) {
    if (!found.includes(e)) {
      tally(e.split('\u0000')[0]!).fn++;
      console.log(`missed: ${JSON.stringify(c.text)} → ${e.replace('\u0000', ' ')}`);
    }
  }
}
const ms = performance.now() - started;
const total = { tp: 0, fp: 0, fn: 0 };
console.log('\ndetector            TP  FP  FN  precision  recall');
for (const [detector, t] of [...perDetector].sort()) {
  total.tp += t.tp;
  total.fp += t.fp;
  total.fn += t.fn;
  const precision = t.tp / (t.tp + t.fp || 1);
  const recall = t.tp / (t.tp + t.fn || 1);
  console.log(
    `${detector.padEnd(18)} ${String(t.tp).padStart(3)} ${String(t.fp).padStart(3)} ${String(t.fn).padStart(3)}  ${precision.toFixed(3).padStart(9)}  ${recall.toFixed(3)}`,
  );
}
const negatives = cases.filter((c) => c.expect.length === 0).length;
console.log(
  `\n${cases.length} cases (${cases.length - negatives} with personal data, ${negatives} without), ${total.tp + total.fn} expected values`,
);
console.log(
  `precision ${(total.tp / (total.tp + total.fp)).toFixed(4)}, recall ${(total.tp / (total.tp + total.fn)).toFixed(4)}, ${ms.toFixed(0)} ms`,
);
