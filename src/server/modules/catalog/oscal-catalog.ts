import type { Bilingual } from '../../platform/i18n.js';
import { JIANHE_NS, OSCAL_VERSION, oscalTimestamp, prop } from '../../platform/oscal.js';
import { uuidV5 } from '../../platform/uuid-v5.js';
import type { CatalogArticle, CatalogDocument, CatalogItem } from './catalog-document.js';

/**
 * OSCAL 1.0.6 catalog (see docs/catalog.md for the mapping):
 * - chapters → groups; articles → controls; clauses and sub-items → nested `item` parts of the statement;
 * - checklist items → controls in a `checklist` group, linked (`rel: related`) to the clauses they check;
 * - zh-TW prose is the part's own prose (the authoritative text); English sits in a child part named
 *   `translation` (ns urn:jianhe:ns:oscal) with prop lang=en, so tools that ignore our namespace still
 *   read the verbatim regulation.
 */
function translation(id: string, text: Bilingual) {
  return {
    id: `${id}_en`,
    name: 'translation',
    ns: JIANHE_NS,
    props: [prop('lang', 'en')],
    prose: text.en,
  };
}

function statementPart(id: string, text: Bilingual, children: unknown[] = []) {
  return { id, name: 'item', prose: text['zh-TW'], parts: [translation(id, text), ...children] };
}

function articleControl(article: CatalogArticle) {
  const children = article.clauses.map((clause) =>
    statementPart(
      clause.id,
      clause.text,
      clause.subItems.map((sub) => ({
        ...statementPart(sub.id, sub.text),
        props: [prop('label', `(${sub.number})`)],
      })),
    ),
  );
  const labelled = children.map((part, i) => ({
    ...part,
    props: [prop('label', `${article.clauses[i]!.number}、`)],
  }));
  const statement = {
    id: `${article.id}_smt`,
    name: 'statement',
    ...(article.text ? { prose: article.text['zh-TW'] } : {}),
    parts: [...(article.text ? [translation(`${article.id}_smt`, article.text)] : []), ...labelled],
  };
  return {
    id: article.id,
    class: 'article',
    title: `第${article.number}條 ${article.title['zh-TW']}`,
    props: [
      prop('label', `第${article.number}條`),
      prop('title', article.title.en, { class: 'en' }),
      prop('heading', article.heading),
    ],
    parts: [statement],
  };
}

function itemControl(item: CatalogItem) {
  const props = [
    prop('label', String(item.number)),
    prop('chapter', String(item.chapter)),
    prop('section-name', item.publishedSectionName ?? item.sectionName['zh-TW']),
    prop('provenance', item.provenance),
    ...(item.role ? [prop('role', item.role)] : []),
    ...item.tags.map((tag) => prop('applicability', tag)),
    ...(item.derivedFrom ? [prop('derived-from', item.derivedFrom)] : []),
    ...(item.publishedQuestion ? [prop('published-wording', item.publishedQuestion)] : []),
  ];
  return {
    id: item.id,
    class: 'checklist-item',
    title: `項次 ${item.number}`,
    props,
    links: item.references.map((ref) => ({ href: `#${ref}`, rel: 'related' })),
    parts: [
      {
        id: `${item.id}_smt`,
        name: 'statement',
        prose: item.question['zh-TW'],
        parts: [translation(`${item.id}_smt`, item.question)],
      },
    ],
  };
}

export function toOscalCatalog(document: CatalogDocument, generatedAt = new Date()) {
  return {
    catalog: {
      uuid: uuidV5(`catalog:${document.id}@${document.version}`),
      metadata: {
        title: document.title['zh-TW'],
        'last-modified': oscalTimestamp(generatedAt),
        version: document.version,
        'oscal-version': OSCAL_VERSION,
        props: [
          prop('catalog-id', document.id),
          prop('title', document.title.en, { class: 'en' }),
          prop('issuer', document.issuer['zh-TW']),
        ],
        remarks: `${document.source['zh-TW']}\n\n${document.source.en}`,
      },
      groups: [
        ...document.chapters.map((chapter) => ({
          id: chapter.id,
          class: 'chapter',
          title: `第${chapter.number}章 ${chapter.title['zh-TW']}`,
          props: [prop('title', chapter.title.en, { class: 'en' })],
          controls: chapter.articles.map(articleControl),
        })),
        {
          id: 'checklist',
          class: 'checklist',
          title: '自評檢核表',
          props: [prop('title', 'Self-assessment checklist', { class: 'en' })],
          controls: document.checklist.map(itemControl),
        },
      ],
    },
  };
}
