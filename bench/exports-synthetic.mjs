#!/usr/bin/env node
// Times each exporter on a synthetic assessment of the bundled checklist (63 items) and on one 10× its
// size (630 items), without a database: exporters are pure functions of the report model.
// Usage: npm run build && node bench/exports-synthetic.mjs [runs]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { median, root } from './support.mjs';

const dist = (file) => import(path.join(root, 'dist/server/modules/reports', file));
const { writeAssessmentXlsx } = await dist('xlsx-export.js');
const { writeAssessmentPdf } = await dist('pdf-report.js');
const { assessmentCsv } = await dist('csv-export.js');
const { toOscalAssessmentResults } = await dist('oscal-results.js');
const { toOscalPoam } = await dist('oscal-poam.js');

const runs = Number(process.argv[2] ?? 5);
const catalog = JSON.parse(
  readFileSync(path.join(root, 'catalogs/tw-sfa-cloud-social-mobile/1.0.json'), 'utf8'),
);
const RESULTS = ['compliant', 'compliant', 'compliant', 'partially_compliant', 'non_compliant'];

function syntheticReport(copies) {
  const items = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const source of catalog.checklist) {
      const n = items.length + 1;
      const result = RESULTS[n % RESULTS.length];
      items.push({
        id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        itemId: `${source.id}-${copy}`,
        number: n,
        chapter: source.chapter,
        sectionName: source.sectionName,
        role: source.role,
        question: source.question,
        provenance: source.provenance,
        references: source.references,
        applicable: true,
        notApplicableReason: null,
        result,
        explanation: '依本公司資訊安全政策及作業程序辦理，並保存相關紀錄備查。'.repeat(3),
        compensatingControl: result === 'compliant' ? '' : '以人工覆核及每季檢視替代，並列管改善。',
        assigneeName: '資安專員',
        dueDate: result === 'compliant' ? null : '2027-06-30',
        version: 2,
        updatedAt: '2026-11-20T02:00:00.000Z',
        evidence: [
          {
            id: `e-${n}`,
            kind: 'link',
            title: `佐證 ${n}`,
            sha256: null,
            url: `https://intranet.example/${n}`,
            validUntil: null,
            expired: false,
          },
        ],
      });
    }
  }
  const counts = (list) => ({
    applicable: list.length,
    notApplicable: 0,
    compliant: list.filter((i) => i.result === 'compliant').length,
    partiallyCompliant: list.filter((i) => i.result === 'partially_compliant').length,
    nonCompliant: list.filter((i) => i.result === 'non_compliant').length,
    notAssessed: 0,
    rate: 0.7,
  });
  return {
    generatedAt: new Date().toISOString(),
    organization: {
      id: '11111111-1111-4111-8111-111111111111',
      name: '基準測試證券股份有限公司',
      businessId: null,
    },
    assessment: {
      id: '22222222-2222-4222-8222-222222222222',
      name: '115年度自評',
      period: '115年度',
      state: 'draft',
      revision: 1,
      dueDate: null,
      ownerName: null,
      fingerprint: null,
      fingerprintAlgorithm: null,
      approvedAt: null,
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-20T02:00:00.000Z',
    },
    catalog: { urn: catalog.id, version: catalog.version, title: catalog.title },
    items,
    chapters: catalog.chapters.map((c) => ({
      chapter: c.number,
      title: c.title,
      ...counts(items.filter((i) => i.chapter === c.number)),
    })),
    overall: counts(items),
    signoff: [],
  };
}

function sink() {
  let bytes = 0;
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      bytes += chunk.length;
      callback();
    },
  });
  return { stream, bytes: () => bytes };
}

const writeText = (text) => async (_report, _options, out) => {
  out.end(text);
};
const exporters = {
  xlsx: writeAssessmentXlsx,
  pdf: writeAssessmentPdf,
  csv: (report, options, out) => writeText(assessmentCsv(report, options.locale))(report, options, out),
  'oscal-ar': (report, options, out) =>
    writeText(JSON.stringify(toOscalAssessmentResults(report)))(report, options, out),
  'oscal-poam': (report, options, out) =>
    writeText(JSON.stringify(toOscalPoam(report)))(report, options, out),
};

for (const copies of [1, 10]) {
  const report = syntheticReport(copies);
  for (const [format, write] of Object.entries(exporters)) {
    const samples = [];
    let size = 0;
    for (let i = 0; i < runs; i++) {
      const out = sink();
      const started = performance.now();
      await write(report, { locale: 'zh-TW' }, out.stream);
      samples.push(performance.now() - started);
      size = out.bytes();
    }
    console.log(
      `${report.items.length} items: ${format} median ${median(samples).toFixed(1)} ms (${(size / 1024).toFixed(0)} KiB)`,
    );
  }
}
