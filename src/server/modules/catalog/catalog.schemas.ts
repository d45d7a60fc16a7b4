import { Type } from 'typebox';
import { literalUnion } from '../assessments/assessments.schemas.js';

const Bilingual = Type.Object({ 'zh-TW': Type.String(), en: Type.String() }, { title: 'Bilingual' });
export const TAGS = [
  'cloud-user',
  'cloud-provider',
  'social-media-policy',
  'social-media-official',
  'mobile-company',
  'byod',
  'mobile-app',
] as const;

export const CatalogSummary = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    urn: Type.String(),
    version: Type.String(),
    title: Bilingual,
    issuer: Bilingual,
    itemCount: Type.Integer(),
    origin: literalUnion(['bundled', 'imported'] as const),
    contentHash: Type.String(),
  },
  { title: 'CatalogSummary' },
);

export const CatalogItemSchema = Type.Object(
  {
    id: Type.String(),
    number: Type.Integer(),
    chapter: Type.Integer(),
    sectionName: Bilingual,
    role: Type.Union([literalUnion(['cloud-user', 'cloud-provider'] as const), Type.Null()]),
    publishedSectionName: Type.Optional(Type.String()),
    question: Bilingual,
    publishedQuestion: Type.Optional(Type.String()),
    provenance: literalUnion(['published', 'derived'] as const),
    derivedFrom: Type.Optional(Type.String()),
    tags: Type.Array(literalUnion(TAGS)),
    references: Type.Array(Type.String()),
  },
  { title: 'CatalogItem' },
);

const SubItem = Type.Object({ id: Type.String(), number: Type.Integer(), text: Bilingual });
const Clause = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  text: Bilingual,
  subItems: Type.Array(SubItem),
});
const Article = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  heading: Type.String(),
  title: Bilingual,
  text: Type.Optional(Bilingual),
  clauses: Type.Array(Clause),
});
const Chapter = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  title: Bilingual,
  articles: Type.Array(Article),
});
const ScopeNote = Type.Object({
  id: Type.String(),
  clause: Type.String(),
  effect: literalUnion(['excludes', 'limits'] as const),
  appliesToTags: Type.Array(Type.String()),
  description: Bilingual,
  notApplicableReason: Bilingual,
});

export const CatalogDetail = Type.Object(
  {
    ...CatalogSummary.properties,
    source: Bilingual,
    chapters: Type.Array(Chapter),
    checklist: Type.Array(CatalogItemSchema),
    scopeNotes: Type.Array(ScopeNote),
  },
  { title: 'CatalogDetail' },
);
