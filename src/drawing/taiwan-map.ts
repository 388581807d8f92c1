/**
 * Taiwan's participation map: the places the article names on the left, the international organizations
 * and domestic alliances they belong to on the right, one line per link. A link's kind has its own colour,
 * width and dash (member, founding member, took part in a conference only, member of a domestic alliance),
 * so it reads in grey too. A place renamed or merged in 2010 or 2014 carries its later name under its own,
 * from its data note. With a focus place, its links are drawn strong and the rest faint.
 */
import type { Ctx } from '../answers/context.js';
import { orgTitle, pick } from '../answers/format.js';
import { LINK_KINDS, mapTexts, mergedText, type LinkKind, type MapModel } from '../answers/pictures.js';
import { INK, MUTED, PAD, PAPER, footer, header, type Painter } from './draw.js';

export const MAP_WIDTH = 1000;
const LEFT_ANCHOR = 330;
const RIGHT_ANCHOR = 600;
const NAME_PX = 26;
const SMALL_PX = 20;

/** Each kind of link as drawn: Okabe–Ito colours, and a width and dash of its own. */
const STYLES: Record<LinkKind, { colour: string; width: number; dash: number[] }> = {
  member: { colour: '#0072B2', width: 4, dash: [] },
  'founding-member': { colour: '#D55E00', width: 8, dash: [] },
  attended: { colour: '#CC79A7', width: 4, dash: [14, 9] },
  alliance: { colour: '#009E73', width: 4, dash: [2, 8] },
};

interface Node {
  id: string;
  lines: string[];
  sub?: string | undefined;
  subLines?: string[];
  y: number;
  height: number;
}

export function drawTaiwanMap(p: Painter, ctx: Ctx, model: MapModel): number {
  const g = p.g;
  const W = MAP_WIDTH;
  const texts = mapTexts(ctx, model);
  let y = header(p, texts.title, texts.scope, W);
  y = legend(p, ctx, y + 16) + 24;

  // Left column: places, right-aligned against their anchors; a merger's later name under the name.
  const leftWidth = LEFT_ANCHOR - 16 - PAD;
  const rightWidth = W - PAD - (RIGHT_ANCHOR + 16);
  const places: Node[] = model.places.map(({ place, becomes }) => ({
    id: place.id,
    lines: [p.fit(pick(place.names, ctx.lang), leftWidth, NAME_PX, 'bold')],
    sub: becomes ? p.fit(mergedText(ctx, pick(place.names, ctx.lang), becomes), leftWidth, SMALL_PX) : undefined,
    y: 0,
    height: becomes ? 62 : 44,
  }));
  const targetNode = (id: string, name: string, sub?: string): Node => {
    const lines = p.wrap(name, rightWidth, 22, 'bold', 3);
    const subLines = sub ? p.wrap(sub, rightWidth, SMALL_PX, 'normal', 2) : [];
    return { id, lines, subLines, y: 0, height: 14 + lines.length * 28 + subLines.length * 24 };
  };
  const orgs = model.orgs.map((o) => targetNode(o.id, orgTitle(o, ctx.lang)));
  const alliances = model.alliances.map((a) =>
    targetNode(
      a.id,
      pick(a.names, ctx.lang),
      a.counted ? ctx.t('picture:map.counted', { count: a.counted.count }) : undefined,
    ),
  );

  // Column headings, then the columns stacked from the same top; the shorter one centred against the taller.
  p.text(ctx.t('picture:map.places'), PAD, y + 12, SMALL_PX + 2, { weight: 'bold', colour: MUTED });
  y += 36;
  const top = y;
  const HEADING = 40;
  const leftHeight = places.reduce((s, n) => s + n.height, 0);
  const rightHeight = HEADING * 2 + [...orgs, ...alliances].reduce((s, n) => s + n.height, 0) + 16;
  const height = Math.max(leftHeight, rightHeight);
  let ly = top + (height - leftHeight) / 2;
  for (const n of places) {
    n.y = ly + n.height / 2 - (n.sub ? 9 : 0);
    ly += n.height;
  }
  let ry = top + (height - rightHeight) / 2;
  const headings: Array<[string, number]> = [];
  for (const [key, nodes] of [
    ['picture:map.orgs', orgs],
    ['picture:map.alliances', alliances],
  ] as const) {
    headings.push([ctx.t(key), ry + 18]);
    ry += HEADING;
    for (const n of nodes) {
      n.y = ry + 7 + 14;
      ry += n.height;
    }
    ry += 16;
  }

  const byId = new Map([...places, ...orgs, ...alliances].map((n) => [n.id, n]));
  const focus = model.focus;
  // Faint links first, so the focus place's links are drawn over them.
  const links = [...model.links].sort((a, b) => Number(a.place === focus) - Number(b.place === focus));
  for (const link of links) {
    const from = byId.get(link.place);
    const to = byId.get(link.target);
    if (!from || !to) continue;
    const style = STYLES[link.kind];
    const strong = focus === undefined || link.place === focus;
    g.save();
    g.globalAlpha = strong ? 1 : 0.22;
    g.strokeStyle = style.colour;
    g.lineWidth = style.width + (focus !== undefined && strong ? 2 : 0);
    g.lineCap = link.kind === 'alliance' ? 'round' : 'butt';
    g.setLineDash(style.dash);
    const x0 = LEFT_ANCHOR;
    const x1 = RIGHT_ANCHOR;
    const mid = (x0 + x1) / 2;
    g.beginPath();
    g.moveTo(x0, from.y);
    g.bezierCurveTo(mid, from.y, mid, to.y, x1, to.y);
    g.stroke();
    g.restore();
  }

  for (const n of places) {
    const strong = focus === undefined || n.id === focus;
    if (focus !== undefined && n.id === focus) {
      g.fillStyle = '#fff2cc';
      g.fillRect(PAD - 8, n.y - 22, LEFT_ANCHOR - PAD, n.height - (n.sub ? 0 : 0));
    }
    dot(p, LEFT_ANCHOR, n.y);
    p.text(n.lines[0] ?? '', LEFT_ANCHOR - 16, n.y, NAME_PX, {
      weight: 'bold',
      align: 'right',
      colour: strong ? INK : MUTED,
    });
    if (n.sub) p.text(n.sub, LEFT_ANCHOR - 16, n.y + 26, SMALL_PX, { align: 'right', colour: MUTED });
  }
  for (const [text, hy] of headings)
    p.text(text, RIGHT_ANCHOR + 16, hy, SMALL_PX + 2, { weight: 'bold', colour: MUTED });
  for (const n of [...orgs, ...alliances]) {
    dot(p, RIGHT_ANCHOR, n.y);
    n.lines.forEach((line, i) => p.text(line, RIGHT_ANCHOR + 16, n.y + i * 28, 22, { weight: 'bold' }));
    (n.subLines ?? []).forEach((line, i) =>
      p.text(line, RIGHT_ANCHOR + 16, n.y + n.lines.length * 28 + i * 24, SMALL_PX, { colour: MUTED }),
    );
  }

  const merger = ctx.data.places.flatMap((pl) => pl.notes).find((n) => n.becomes);
  const lines = [
    ...(merger ? [`${ctx.t('picture:map.mergedLegend')}：${pick(merger.source, ctx.lang)}`] : []),
    texts.footer,
  ];
  return footer(p, ctx.lang === 'en' ? lines.map((l) => l.replace('：', ': ')) : lines, top + height + 24, W);
}

function dot(p: Painter, x: number, y: number): void {
  const g = p.g;
  g.fillStyle = INK;
  g.strokeStyle = PAPER;
  g.lineWidth = 2;
  g.beginPath();
  g.arc(x, y, 5, 0, Math.PI * 2);
  g.fill();
  g.stroke();
}

/** The key of the four kinds of link: two to a row when their labels fit, else one. */
function legend(p: Painter, ctx: Ctx, y: number): number {
  const g = p.g;
  const half = (MAP_WIDTH - 2 * PAD) / 2;
  const perRow = LINK_KINDS.every((k) => p.width(ctx.t(`picture:map.kinds.${k}`), 20) <= half - 80) ? 2 : 1;
  const colWidth = (MAP_WIDTH - 2 * PAD) / perRow;
  LINK_KINDS.forEach((kind, i) => {
    const x = PAD + (i % perRow) * colWidth;
    const cy = y + Math.floor(i / perRow) * 34;
    const style = STYLES[kind];
    g.save();
    g.strokeStyle = style.colour;
    g.lineWidth = style.width;
    g.lineCap = kind === 'alliance' ? 'round' : 'butt';
    g.setLineDash(style.dash);
    g.beginPath();
    g.moveTo(x, cy);
    g.lineTo(x + 56, cy);
    g.stroke();
    g.restore();
    p.text(p.fit(ctx.t(`picture:map.kinds.${kind}`), colWidth - 80, 20), x + 68, cy, 20);
  });
  return y + 34 * Math.ceil(LINK_KINDS.length / perRow) - 18;
}
