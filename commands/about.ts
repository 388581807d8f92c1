/**
 * /about — the source article (title, authors, publisher, date), how current the data is, the article's
 * conclusions and recommendations, and every data note (discrepancies and later context), paged.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import { withActions } from '../src/answers/actions.js';
import { defineCommand, onComponent } from '../src/answers/command.js';
import { referencesText } from '../src/answers/article.js';
import { withLang, type Ctx } from '../src/answers/context.js';
import { COLORS, bullet, dateText, noteLine, pager, pick, sectionLabel, splitField } from '../src/answers/format.js';
import type { DataNote } from '../src/data/schema.js';
import { fields, idCodec } from '../src/kernel/custom-id.js';
import type { Payload } from '../src/kernel/types.js';

const NOTES_PER_PAGE = 6;
/** `ab:<lang>:<page>`: a page of /about (the article, its findings, then the data notes). */
const AB_PAGE = idCodec('ab', 1, { lang: fields.lang, page: fields.page });

interface LabelledNote {
  label: string;
  note: DataNote;
}

function allNotes(ctx: Ctx): LabelledNote[] {
  const d = ctx.data;
  return [
    ...d.article.notes.map((note) => ({ label: ctx.t('about:articleNote'), note })),
    ...d.taiwanNotes.map((note) => ({ label: ctx.t('about:taiwanNote'), note })),
    ...d.organizations.flatMap((o) => o.notes.map((note) => ({ label: o.acronym ?? pick(o.names, ctx.lang), note }))),
    ...d.places.flatMap((p) => p.notes.map((note) => ({ label: pick(p.names, ctx.lang), note }))),
    ...d.alliances.flatMap((a) => a.notes.map((note) => ({ label: pick(a.names, ctx.lang), note }))),
  ];
}

function articleEmbed(ctx: Ctx): APIEmbed {
  const a = ctx.data.article;
  const notes = allNotes(ctx);
  const count = (kind: DataNote['kind']): number => notes.filter((n) => n.note.kind === kind).length;
  return {
    title: pick(a.title, ctx.lang),
    description: `*${ctx.lang === 'en' ? a.title.zh : a.title.en}*\n\n${pick(a.abstract, ctx.lang)}`,
    color: COLORS.info,
    fields: [
      {
        name: ctx.t('about:authors'),
        value: a.authors.map((x) => bullet(`${pick(x.name, ctx.lang)} — ${pick(x.post, ctx.lang)}`)).join('\n'),
      },
      { name: ctx.t('about:publisher'), value: pick(a.publisher, ctx.lang), inline: true },
      { name: ctx.t('about:date'), value: dateText(ctx, a.date), inline: true },
      {
        name: ctx.t('about:currency'),
        value: ctx.t('about:currencyText', {
          date: dateText(ctx, a.date),
          notes: count('discrepancy'),
          readings: count('reading'),
          background: count('background'),
          later: count('context'),
        }),
      },
      {
        name: ctx.t('about:contents'),
        value: ctx.t('about:contentsText', {
          orgs: ctx.data.organizations.length,
          rows: ctx.data.organizations.reduce((n, o) => n + o.tableRows.length, 0),
          places: ctx.data.places.length,
          alliances: ctx.data.alliances.length,
        }),
      },
    ],
    footer: {
      text: ctx.t('about:keywords', { keywords: (ctx.lang === 'en' ? a.keywords.en : a.keywords.zh).join(', ') }),
    },
  };
}

function findingsEmbed(ctx: Ctx): APIEmbed {
  const a = ctx.data.article;
  const line = (f: (typeof a.conclusions)[number]): string =>
    `**${pick(f.title, ctx.lang)}** [${sectionLabel(ctx, f.section)}]\n${pick(f.text, ctx.lang)}`;
  return {
    title: ctx.t('about:findingsTitle'),
    color: COLORS.info,
    fields: [
      ...splitField(
        ctx.t('about:articleFacts'),
        a.facts.map(
          (f) => `**${pick(f.title, ctx.lang)}** [${sectionLabel(ctx, f.section)}]\n${pick(f.text, ctx.lang)}`,
        ),
      ),
      ...splitField(ctx.t('about:conclusions'), a.conclusions.map(line)),
      ...splitField(ctx.t('about:recommendations'), a.recommendations.map(line)),
    ],
  };
}

function referencesEmbed(ctx: Ctx): APIEmbed {
  return { title: ctx.t('about:referencesTitle'), color: COLORS.info, description: referencesText(ctx) };
}

function notesEmbed(ctx: Ctx, notes: LabelledNote[], page: number, pages: number): APIEmbed {
  return {
    title: ctx.t('about:notesTitle', { page: page + 1, pages }),
    color: COLORS.info,
    description: notes.map((n) => `**${n.label}** — ${noteLine(ctx, n.note)}`).join('\n\n'),
    footer: { text: ctx.t('about:notesFooter') },
  };
}

function aboutPage(ctx: Ctx, page: number): Payload {
  const notes = allNotes(ctx);
  const notePages = Math.max(1, Math.ceil(notes.length / NOTES_PER_PAGE));
  // The article, its findings, its references, then the data notes.
  const FIXED = 3;
  const pages = FIXED + notePages;
  const current = Math.min(Math.max(0, page), pages - 1);
  const embed =
    current === 0
      ? articleEmbed(ctx)
      : current === 1
        ? findingsEmbed(ctx)
        : current === 2
          ? referencesEmbed(ctx)
          : notesEmbed(
              ctx,
              notes.slice((current - FIXED) * NOTES_PER_PAGE, (current - FIXED + 1) * NOTES_PER_PAGE),
              current - FIXED,
              notePages,
            );
  const idFor = (p: number): string => AB_PAGE.encode({ lang: ctx.lang, page: Math.max(0, Math.min(p, pages - 1)) });
  return withActions(ctx, { embeds: [embed], components: [pager(ctx, current, pages, idFor)] }, { cite: null });
}

export const about = defineCommand({
  name: 'about',
  options: [],
  run(_req, ctx) {
    return aboutPage(ctx, 0);
  },
  components: [
    onComponent(AB_PAGE, ({ lang, page }, _req, services) => ({
      payload: aboutPage(withLang(services, lang), page),
      update: true,
    })),
  ],
});
