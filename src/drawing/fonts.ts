/**
 * The fonts every picture draws with: Noto Sans CJK in its Traditional Chinese cut (Latin included), with the
 * Simplified cut after it for the few Simplified aliases. Registered from the untouched .otf files the npm
 * packages ship (the SIL Open Font License reserves the name "Noto" for modified copies, so nothing is
 * subset or renamed), once per process, on the first picture.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GlobalFonts as GlobalFontsType } from '@napi-rs/canvas';

/** The families as the font files name themselves. */
export const FAMILIES = ['Noto Sans T Chinese', 'Noto Sans S Chinese'] as const;
/** The CSS font-family list every text uses: Traditional first, Simplified as the fallback. */
export const FONT_STACK = FAMILIES.map((f) => `"${f}"`).join(', ');

/** The font files: the packages' own, by weight. */
export function fontFiles(): string[] {
  const require = createRequire(import.meta.url);
  // The packages export only their (unused) JS entry; the fonts sit beside it, in ../fonts.
  const dir = (pkg: string): string => join(dirname(require.resolve(pkg)), '..', 'fonts');
  const tc = dir('@embedpdf/fonts-tc');
  const sc = dir('@embedpdf/fonts-sc');
  return [
    join(tc, 'NotoSansHant-Regular.otf'),
    join(tc, 'NotoSansHant-Bold.otf'),
    join(sc, 'NotoSansHans-Regular.otf'),
    join(sc, 'NotoSansHans-Bold.otf'),
  ];
}

let registered = false;

/** Registers the fonts once; throws naming the file when one is missing or unreadable. */
export function registerFonts(fonts: typeof GlobalFontsType): void {
  if (registered) return;
  for (const file of fontFiles()) {
    if (!fonts.registerFromPath(file)) throw new Error(`could not register the font ${file}`);
  }
  registered = true;
}
