/** Which language an answer is in: explicit `lang` > the user's locale > the guild's locale > zh-TW. */
import type { Lang, OptionValue } from './types.js';

/** A language tag or name (zh-TW, zh, en-US, English, 中文) as one of the bot's languages, if it is one. */
export function fromTag(tag: unknown): Lang | undefined {
  if (typeof tag !== 'string') return undefined;
  const t = tag.trim().toLowerCase();
  if (t.startsWith('zh') || t === '中文' || t === '繁體中文') return 'zh-TW';
  if (t.startsWith('en') || t === 'english') return 'en';
  return undefined;
}

export function resolveLang(
  explicit: OptionValue | undefined,
  userLocale: string | undefined,
  guildLocale: string | undefined,
): Lang {
  return fromTag(explicit) ?? fromTag(userLocale) ?? fromTag(guildLocale) ?? 'zh-TW';
}
