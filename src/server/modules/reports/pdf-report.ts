import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { Locale } from '../../platform/i18n.js';
import { Canvas } from './pdf-canvas.js';
import { loadCjkFonts } from './pdf-fonts.js';
import { gaps, itemsTable } from './pdf-items.js';
import { evidenceList, signoff } from './pdf-records.js';
import { remediationPlan } from './pdf-remediation.js';
import { cover, summary } from './pdf-sections.js';
import { socialRegister } from './pdf-social.js';
import { MARGIN } from './pdf-style.js';
import type { AssessmentReport } from './report-model.js';

export interface PdfOptions {
  locale: Locale;
}

/**
 * The assessment as a zh-TW (or English) PDF, streamed into `output` as pages are laid out: cover,
 * summary, every item, the gaps with their compensating controls, the evidence list, the sign-off, the remediation plan when
 * there are items for it and, when the organisation keeps one, the social-media register.
 * Layout work yields to the event loop every few rows, so a large report does not block other requests.
 */
export async function writeAssessmentPdf(
  report: AssessmentReport,
  options: PdfOptions,
  output: Writable,
): Promise<void> {
  const fonts = await loadCjkFonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: MARGIN,
    autoFirstPage: false,
    info: {
      Title: `${report.organization.name} ${report.assessment.name}`,
      Author: 'Jianhe',
      Subject: report.catalog.title[options.locale],
      CreationDate: new Date(report.generatedAt),
    },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const finished = new Promise<void>((resolve, reject) => {
    output.on('finish', resolve);
    output.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(output);
  const canvas = new Canvas(doc, report, options.locale);
  doc.addPage();
  cover(canvas);
  summary(canvas);
  await itemsTable(canvas);
  await gaps(canvas);
  evidenceList(canvas);
  signoff(canvas);
  remediationPlan(canvas);
  socialRegister(canvas);
  doc.end();
  await finished;
}
