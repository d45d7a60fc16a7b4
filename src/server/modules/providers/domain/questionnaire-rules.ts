import { createHash, randomBytes } from 'node:crypto';

export const QUESTIONNAIRE_STATES = [
  'sent',
  'in_progress',
  'submitted',
  'returned',
  'accepted',
  'revoked',
] as const;
export type QuestionnaireState = (typeof QUESTIONNAIRE_STATES)[number];

export const PROVIDER_ANSWERS = ['yes', 'partly', 'no'] as const;
export type ProviderAnswer = (typeof PROVIDER_ANSWERS)[number];

/** A link token: 256 random bits, URL-safe. Only its SHA-256 is stored. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type LinkRefusal =
  | 'QUESTIONNAIRE_LINK_EXPIRED'
  | 'QUESTIONNAIRE_LINK_REVOKED'
  | 'QUESTIONNAIRE_LINK_USED';

/**
 * The provider may open, save and come back while the questionnaire is sent, in progress or returned to
 * them; submitting uses the link up. Revoked and expired links are refused outright.
 */
export function linkRefusal(
  state: QuestionnaireState,
  expiresAt: string,
  now: Date = new Date(),
): LinkRefusal | null {
  if (state === 'revoked') return 'QUESTIONNAIRE_LINK_REVOKED';
  if (state === 'submitted' || state === 'accepted') return 'QUESTIONNAIRE_LINK_USED';
  if (now.getTime() > Date.parse(expiresAt)) return 'QUESTIONNAIRE_LINK_EXPIRED';
  return null;
}

export function canReview(state: QuestionnaireState): boolean {
  return state === 'submitted';
}

/** How a provider's answer becomes the firm's starting point for the matching checklist item. */
export function suggestedResult(
  answer: ProviderAnswer,
): 'compliant' | 'partially_compliant' | 'non_compliant' {
  return answer === 'yes' ? 'compliant' : answer === 'partly' ? 'partially_compliant' : 'non_compliant';
}

/** Whose duties a questionnaire asks about: an external provider's, or the firm's own as a provider. */
export type QuestionPerspective = 'cloud-user' | 'cloud-provider';

/** The provider's duties the cloud-user items check: Art. 5–7 (checklist items 4–18). */
const PROVIDER_FACING_ARTICLES = ['art-5', 'art-6', 'art-7'];

/**
 * The questions of a questionnaire, from the checklist. Sent to an external provider, it asks the
 * cloud-user items on the provider's duties; sent within the firm about its own cloud service, the same
 * model asks the provider-side items (role cloud-provider, items 19 onward).
 */
export function questionsFor<T extends { role: string | null; references: string[] }>(
  checklist: readonly T[],
  perspective: QuestionPerspective,
): T[] {
  if (perspective === 'cloud-provider') return checklist.filter((item) => item.role === 'cloud-provider');
  return checklist.filter(
    (item) =>
      item.role === 'cloud-user' &&
      item.references.some((ref) => PROVIDER_FACING_ARTICLES.includes(ref.split('.')[0]!)),
  );
}
