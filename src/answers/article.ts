/** The article's own parts as answers: its references, shown by /about and /ask alike. */
import type { Ctx } from './context.js';

/**
 * 參考資料 as the article prints them, each list in its order; English answers add a description, since
 * the entries are Chinese. Fits one embed description (4096): the whole list is about 2,000 characters.
 */
export function referencesText(ctx: Ctx): string {
  const refs = ctx.data.article.references;
  const list = (kind: 'print' | 'web'): string =>
    refs
      .filter((r) => r.kind === kind)
      .map((r) => `${r.n ?? '•'}. ${r.printed}${ctx.lang === 'en' ? `\n   — ${r.en}` : ''}`)
      .join('\n');
  return `**${ctx.t('ask:article.referencesPrint')}**\n${list('print')}\n\n**${ctx.t('ask:article.referencesWeb')}**\n${list('web')}`;
}
