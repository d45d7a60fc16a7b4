/**
 * Clause references as people cite them: `art-4.1.2` is 第4條第1項第2款 (article, paragraph,
 * subparagraph), or "Art. 4(1)(2)" in English. Anything not in that form is shown as it is.
 */
export function clauseLabel(reference: string, language: 'zh-TW' | 'en'): string {
  const match = /^art-(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(reference);
  if (!match) return reference;
  const [, article, paragraph, subparagraph] = match;
  if (language === 'en')
    return `Art. ${article}${paragraph ? `(${paragraph})` : ''}${subparagraph ? `(${subparagraph})` : ''}`;
  return `第${article}條${paragraph ? `第${paragraph}項` : ''}${subparagraph ? `第${subparagraph}款` : ''}`;
}
