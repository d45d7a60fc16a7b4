import { diffWordsWithSpace } from 'diff';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * Word-level changes from the previously reviewed policy text to the current one (jsdiff's word diff,
 * which also treats each CJK character as its own token, so Chinese text is compared character by
 * character rather than as one long "word"). Whitespace differences count, as a reviewer sees them.
 */
export function wordDiff(
  before: string,
  after: string,
): { parts: DiffPart[]; added: number; removed: number } {
  const parts: DiffPart[] = diffWordsWithSpace(before, after).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
  const count = (kind: DiffPart['kind']) =>
    parts
      .filter((p) => p.kind === kind)
      .reduce((n, p) => n + p.text.trim().split(/\s+/).filter(Boolean).length, 0);
  return { parts, added: count('added'), removed: count('removed') };
}
