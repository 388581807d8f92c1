/**
 * One console conversation: the last answer shown, and what the console's own words do with it. A line is
 * a console word (parse.ts: `help`, `exit`, `quit`, `clear`; `n`, `p`, a page or button number, `full`,
 * `cite`, `csv`, `pick N`), a command, or a question. Clicking a button is what Discord does:
 * runComponent with the button's custom_id (a page's, for paging) and the shown answer as the clicked
 * message; a reply that updates replaces the shown answer, a new reply is printed under it. Files a reply
 * carries (a CSV export) are written under the OS temp folder or the `--out` directory, and their paths
 * printed; with `json`, every line gives exactly one JSON line (the payload, plus `files: [{name, path}]`).
 * No terminal here, so both console doors and the tests drive the same object.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Services } from '../../app/services.js';
import { runCommand, runComponent } from '../../app/dispatch.js';
import { withPicture } from '../../app/pictures.js';
import type { T } from '../../i18n/index.js';
import { MessageFlags } from '../../kernel/discord-enums.js';
import { fromTag } from '../../kernel/locale.js';
import type { ComponentReply, FileAttachment, Lang, Payload, PictureRequest } from '../../kernel/types.js';
import { controlsOf, isInteractive, type Controls } from './controls.js';
import { CONSOLE_USER, parseConsoleWord, parseLine, type ConsoleWord } from './parse.js';
import { numberMeans, renderAnswer } from './render.js';

export interface SessionOptions {
  /** The console's locale (--locale, BOT_LOCALE): its messages' language and the answers' default. */
  locale?: string | undefined;
  /** Where files are written; by default a new folder under the OS temp folder, made on first use. */
  outDir?: string | undefined;
  /** One JSON line per input line (the payload) instead of a terminal rendering. */
  json?: boolean | undefined;
  color?: boolean | undefined;
  /** Whether `clear` can clear a screen (output to a terminal); if not, it says there is none to clear. */
  canClear?: boolean | undefined;
}

export interface WrittenFile {
  name: string;
  /** Where it was written, or undefined when writing failed (then `error` says why). */
  path: string | undefined;
  contentType: string;
  bytes: number;
  error?: string;
}

export interface Turn {
  /** What to print: a rendering, a console message or one JSON line; '' for nothing. */
  text: string;
  files: WrittenFile[];
  /** 'answer': a command or question answered; 'click': a button or menu of the last answer; 'console': the console's own. */
  kind: 'answer' | 'click' | 'console';
  /** The payload printed, for an answer or a click. */
  payload?: Payload | undefined;
  /** `exit` / `quit`: the REPL closes. */
  exit?: boolean;
  /** `clear`: the REPL clears the screen. */
  clear?: boolean;
}

/** "1–3", or "1" when there is one. */
const range = (count: number): string => (count === 1 ? '1' : `1–${count}`);

/** A file name that stays inside the output folder. */
function safeName(name: string): string {
  const base = [...basename(name.replace(/\\/g, '/'))]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ':*?"<>|'.includes(ch) ? '-' : ch))
    .join('');
  return base === '' || base === '.' || base === '..' ? 'file' : base;
}

export class ConsoleSession {
  readonly lang: Lang;
  private readonly t: T;
  private readonly json: boolean;
  private readonly color: boolean;
  private outDir: string | undefined;
  private shown: Payload | undefined;

  constructor(
    private readonly services: Services,
    private readonly options: SessionOptions = {},
  ) {
    this.lang = fromTag(options.locale) ?? 'zh-TW';
    this.t = services.translator.t(this.lang);
    this.json = options.json === true;
    this.color = options.color === true;
    this.outDir = options.outDir;
  }

  /** The answer the console's words act on: the last one shown (or updated in place). */
  get current(): Payload | undefined {
    return this.shown;
  }

  /** Shows a payload as the current answer, as if it had just been answered (for tests and tools). */
  show(payload: Payload): Turn {
    this.shown = payload;
    return this.printed(payload, [], 'answer');
  }

  banner(): string {
    return this.t('console:banner');
  }

  async handle(line: string): Promise<Turn> {
    const text = line.trim();
    if (text === '') return { text: '', files: [], kind: 'console' };
    const word = text.startsWith('/') ? undefined : parseConsoleWord(text);
    if (word) {
      const turn = this.word(word);
      if (turn) return turn;
    }
    return this.ask(text);
  }

  /** A command or question, answered (never read as a console word): its picture drawn and written. */
  async ask(line: string): Promise<Turn> {
    const { value, picture } = runCommand(this.services, parseLine(line.trim(), this.options.locale));
    const drawn = await this.drawn(value, picture);
    this.shown = drawn.payload;
    return this.printed(drawn.payload, this.write(drawn.files), 'answer');
  }

  /** The answer with its picture drawn (a PNG to write), or as it is when it shows none. */
  private async drawn(
    payload: Payload,
    picture: PictureRequest | undefined,
  ): Promise<{ payload: Payload; files: readonly FileAttachment[] }> {
    return picture ? withPicture(this.services, payload, picture) : { payload, files: [] };
  }

  /** What a console word does; undefined when it is to be asked after all (a bare number with nothing to act on). */
  private word(word: ConsoleWord): Turn | Promise<Turn> | undefined {
    switch (word.kind) {
      case 'help':
        return this.say(this.t('console:help', { dir: this.outDir ?? join(tmpdir(), 'city-alliance-bot-…') }));
      case 'exit':
        return { ...this.say(this.t('console:bye')), exit: true };
      case 'clear':
        return this.options.canClear
          ? { text: '', files: [], kind: 'console', clear: true }
          : this.say(this.t('console:noScreen'));
      case 'next':
      case 'prev':
        return this.turnPage(word.kind);
      case 'page':
        return word.page === undefined ? this.say(this.t('console:pageUsage')) : this.goTo(word.page);
      case 'number': {
        const c = controlsOf(this.shown);
        const means = numberMeans(c);
        if (means === 'page') return this.goTo(word.n);
        if (means === 'action') return this.clickAction(c, word.n);
        if (means === 'pick') return this.pick(c, word.n);
        return undefined; // "1998" with nothing to act on is a question.
      }
      case 'action':
        return this.clickAction(controlsOf(this.shown), word.n);
      case 'named': {
        if (word.name === 'share') return this.say(this.t('console:share'));
        if (!this.shown) return this.say(this.t('console:noAnswer'));
        const c = controlsOf(this.shown);
        const action = c.actions.find((a) => a.name === word.name);
        if (!action) return this.say(this.t('console:noNamed', { name: word.name }));
        return this.click(action.customId, undefined);
      }
      case 'pick':
        return word.n === undefined ? this.say(this.t('console:pickUsage')) : this.pick(controlsOf(this.shown), word.n);
    }
  }

  private async turnPage(dir: 'next' | 'prev'): Promise<Turn> {
    if (!this.shown) return this.say(this.t('console:noAnswer'));
    const { pager } = controlsOf(this.shown);
    if (!pager) return this.say(this.t('console:notPaged'));
    if (dir === 'next' && !pager.hasNext) return this.say(this.t('console:lastPage'));
    if (dir === 'prev' && !pager.hasPrev) return this.say(this.t('console:firstPage'));
    return this.click(pager.idFor(pager.page + (dir === 'next' ? 1 : -1)), undefined);
  }

  /** Page `page`, 1-based as the pager's label shows it. */
  private async goTo(page: number): Promise<Turn> {
    if (!this.shown) return this.say(this.t('console:noAnswer'));
    const { pager } = controlsOf(this.shown);
    if (!pager) return this.say(this.t('console:notPaged'));
    if (pager.pages !== undefined && (page < 1 || page > pager.pages))
      return this.say(this.t('console:pageRange', { page, pages: pager.pages }));
    if (page < 1) return this.say(this.t('console:pageUsage'));
    return this.click(pager.idFor(page - 1), undefined);
  }

  private async clickAction(c: Controls, n: number): Promise<Turn> {
    if (!this.shown) return this.say(this.t('console:noAnswer'));
    if (c.actions.length === 0) return this.say(this.t('console:noActions'));
    const action = c.actions[n - 1];
    if (!action) return this.say(this.t('console:actionRange', { n, choices: range(c.actions.length) }));
    return this.click(action.customId, undefined);
  }

  /** Option `n` (1-based, numbered across the answer's menus). */
  private async pick(c: Controls, n: number): Promise<Turn> {
    if (!this.shown) return this.say(this.t('console:noAnswer'));
    const options = c.menus.flatMap((m) => m.options.map((o) => ({ menu: m.customId, value: o.value })));
    if (options.length === 0) return this.say(this.t('console:noMenu'));
    const chosen = options[n - 1];
    if (!chosen) return this.say(this.t('console:pickRange', { n, choices: range(options.length) }));
    return this.click(chosen.menu, [chosen.value]);
  }

  /** A click on the shown answer, as Discord would send it; the reply shown, its files written. */
  private async click(customId: string, values: readonly string[] | undefined): Promise<Turn> {
    const { value, picture } = runComponent(this.services, {
      customId,
      ...(values ? { values } : {}),
      locale: this.options.locale,
      user: CONSOLE_USER,
      message: this.shown,
    });
    const drawn = await this.drawn(value.payload, picture);
    const files = this.write([...(value.files ?? []), ...drawn.files]);
    const reply = { ...value, payload: drawn.payload };
    this.adopt(reply);
    return this.printed(reply.payload, files, 'click');
  }

  /**
   * An update replaces the shown answer. A new reply becomes the one the words act on only when it offers
   * something (pages, buttons, a menu): after a citation or an export, `n` still pages the list above.
   */
  private adopt(reply: ComponentReply): void {
    if (reply.update || isInteractive(controlsOf(reply.payload))) this.shown = reply.payload;
  }

  private write(files: readonly FileAttachment[]): WrittenFile[] {
    return files.map((f) => {
      const name = safeName(f.name);
      const written: WrittenFile = { name, path: undefined, contentType: f.contentType, bytes: f.data.byteLength };
      try {
        const dir = this.folder();
        const path = join(dir, name);
        writeFileSync(path, f.data);
        return { ...written, path };
      } catch (err) {
        return { ...written, error: err instanceof Error ? err.message : String(err) };
      }
    });
  }

  private folder(): string {
    if (this.outDir === undefined) this.outDir = mkdtempSync(join(tmpdir(), 'city-alliance-bot-'));
    else mkdirSync(this.outDir, { recursive: true });
    return this.outDir;
  }

  private printed(payload: Payload, files: WrittenFile[], kind: Turn['kind']): Turn {
    if (this.json) {
      const shown = files.length > 0 ? { ...payload, files: files.map(fileJson) } : payload;
      return { text: JSON.stringify(shown), files, kind, payload };
    }
    const body = renderAnswer(payload, controlsOf(payload), this.color, {
      pagerHint: (example) => this.t('console:pagerHint', { example }),
    });
    const notes = files.map((f) =>
      f.path
        ? this.t('console:fileSaved', { path: f.path })
        : this.t('console:fileFailed', { name: f.name, error: f.error ?? '' }),
    );
    return { text: [body, ...notes].join('\n'), files, kind, payload };
  }

  /** A message of the console's own: plain text, or with `json` a notice payload (one line, like the bot's). */
  private say(message: string): Turn {
    if (this.json) {
      const payload: Payload = { content: message, flags: MessageFlags.Ephemeral };
      return { text: JSON.stringify(payload), files: [], kind: 'console', payload };
    }
    return { text: message, files: [], kind: 'console' };
  }
}

function fileJson(f: WrittenFile): Record<string, string | number> {
  return {
    name: f.name,
    ...(f.path ? { path: f.path } : {}),
    contentType: f.contentType,
    bytes: f.bytes,
    ...(f.error ? { error: f.error } : {}),
  };
}
