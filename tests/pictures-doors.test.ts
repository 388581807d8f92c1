/**
 * Pictures through every door (issue 13): /timeline, the /taiwan overview's map, the Timeline and
 * Participation map buttons and Share of a picture. The gateway attaches the PNG to its reply (the real
 * discord.js client against the fake Discord on loopback); the HTTP door answers "thinking…" and then edits
 * the PNG into the answer (multipart PATCH of @original on the fake); the console writes the PNG and prints
 * its path (one JSON line with --json). And when drawing fails, the answer goes out as text, saying so.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand, runComponent } from '../src/app/dispatch.js';
import { MAX_DRAWING, PicturesBusy, clearPictureCache, renderPng, withPicture } from '../src/app/pictures.js';
import { controlsOf } from '../src/doors/console/controls.js';
import { ConsoleSession } from '../src/doors/console/session.js';
import type { Payload } from '../src/kernel/types.js';
import { useBot, useFakeDiscord, type FakeDiscord } from './helpers/fake-discord.js';
import { APP_ID, TOKEN, base, postSigned, slash, opt, useDoor, type Json, type Started } from './helpers/http-door.js';
import { services } from './helpers/services.js';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const isPng = (data: Uint8Array | undefined): boolean => data !== undefined && PNG.every((b, i) => data[i] === b);

function ids(p: Payload | Json | undefined): string[] {
  const rows = ((p as Payload | undefined)?.components ?? []) as Array<{ components?: Array<{ custom_id?: string }> }>;
  return rows.flatMap((r) => (r.components ?? []).flatMap((c) => (c.custom_id ? [c.custom_id] : [])));
}
const idOf = (p: Payload | Json | undefined, tag: string): string | undefined =>
  ids(p).find((id) => id.startsWith(`${tag}:`));
const imageOf = (p: Payload | Json | undefined): string | undefined =>
  ((p as Payload | undefined)?.embeds ?? []).find((e) => e.image)?.image?.url;

/** What the core answers, and the PNG it draws, for a command in a language. */
async function expected(command: string, options: Json, locale: string) {
  const r = runCommand(services, { command, options: options as never, locale, user: { id: '1' } });
  if (!r.picture) throw new Error(`/${command} drew no picture`);
  return { payload: r.value, picture: r.picture, png: await renderPng(services, r.picture) };
}

describe('the gateway attaches the picture to its reply', () => {
  let fake: FakeDiscord;
  useBot((started) => ({ fake } = started), { services });

  /** The callback request of an interaction, with its files. */
  const callback = (interaction: string) =>
    fake
      .received('POST', /^\/interactions\/\d+\/[^/]+\/callback$/)
      .find((r) => r.path.includes(`/interactions/${interaction}/`));

  it('/timeline: a public answer whose embed shows the PNG, the alt text as its description', async () => {
    const want = await expected('timeline', {}, 'zh-TW');
    const sent = fake.send(fake.command('timeline'));
    const answer = await fake.answer(sent);
    expect(answer.type).toBe(4);
    expect(answer.data?.flags ?? 0).toBe(0);
    expect(imageOf(answer.data)).toBe(`attachment://${want.picture.name}`);
    const file = callback(sent)?.files?.[0];
    expect(file?.filename).toBe(want.picture.name);
    expect(isPng(file?.data)).toBe(true);
    expect(Buffer.compare(file!.data, Buffer.from(want.png))).toBe(0);
    const body = callback(sent)?.body as Json | undefined;
    const attachments = (body?.data as Json | undefined)?.attachments as Json[] | undefined;
    expect(attachments?.[0]?.description).toBe(want.picture.alt);
  });

  it('/taiwan with no city: the overview carries the participation map; a city answer offers the map', async () => {
    const sent = fake.send(fake.command('taiwan', {}, { locale: 'en-US' }));
    const answer = await fake.answer(sent);
    expect(imageOf(answer.data)).toBe('attachment://taiwan-map-tw-en.png');
    expect(isPng(callback(sent)?.files?.[0]?.data)).toBe(true);
    const city = await fake.answer(fake.send(fake.command('taiwan', { city: 'hsinchu-city' })));
    expect(idOf(city.data, 'pic')).toBe('pic:z:tw.hsinchu-city');
  });

  it('the Timeline button of /founded: a hidden reply with the picture of exactly the rows listed, and Share', async () => {
    const list = await fake.answer(fake.send(fake.command('founded', { when: '1998' })));
    const button = idOf(list.data, 'pic');
    expect(button).toBeDefined();
    const click = fake.send(fake.component(button!, list.data!));
    const reply = await fake.answer(click);
    expect(reply.type).toBe(4);
    expect(reply.data?.flags).toBe(64);
    expect(isPng(callback(click)?.files?.[0]?.data)).toBe(true);
    // 1998: WTA, IACC, ECCHR, ULAI — four rows, and only these names in the text.
    const text = JSON.stringify(reply.data?.embeds);
    for (const name of ['世界科技城市聯盟', '國際品格城市協會', '歐洲城市人權會議', '以色列地方政府聯合會'])
      expect(text).toContain(name);
    expect(text).not.toContain('城市聯盟 (Cities Alliance)');
    expect(idOf(reply.data, 'share')).toBe('share:z:-');

    // Shared: Discord sends the hidden message back with its image as a CDN URL; the shared one draws it again.
    const shown = {
      ...reply.data,
      flags: 64,
      embeds: (reply.data?.embeds as Json[]).map((e) =>
        e.image
          ? { ...e, image: { url: `https://cdn.discordapp.com/ephemeral-attachments/1/2/${fileName(e)}?ex=1&is=2` } }
          : e,
      ),
    };
    const shareClick = fake.send(fake.component(idOf(reply.data, 'share')!, shown));
    const shared = await fake.answer(shareClick);
    expect(shared.data?.flags ?? 0).toBe(0);
    expect(imageOf(shared.data)).toBe(imageOf(reply.data));
    expect(isPng(callback(shareClick)?.files?.[0]?.data)).toBe(true);
  });
});

const fileName = (embed: Json): string => String((embed.image as Json).url).replace('attachment://', '');

describe('the HTTP door defers, then edits the picture into the answer', () => {
  let fake: FakeDiscord;
  let s: Started;
  useFakeDiscord((f) => (fake = f));
  useDoor(
    (started) => (s = started),
    () => ({ apiUrl: fake.apiUrl, edit: { timeoutMs: 5000, retryDelayMs: 20 } }),
  );

  const editPath = new RegExp(`^/webhooks/${APP_ID}/[^/]+/messages/@original$`);
  async function nextEdit(before: number) {
    return fake.waitFor(
      () => fake.requests.slice(before).find((q) => q.method === 'PATCH' && editPath.test(q.path) && q.status !== 0),
      10_000,
      'the PATCH of @original',
    );
  }

  it('/timeline type:thematic in English: type 5, then the PNG and the answer in one multipart edit', async () => {
    const want = await expected('timeline', { type: 'thematic' }, 'en-US');
    const before = fake.requests.length;
    const r = await postSigned(s.url, slash('timeline', [opt('type', 'thematic')], { locale: 'en-US' }));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ type: 5 });
    const edit = await nextEdit(before);
    expect(edit.status).toBe(200);
    expect(edit.files).toHaveLength(1);
    expect(edit.files![0]!.filename).toBe(want.picture.name);
    expect(Buffer.compare(edit.files![0]!.data, Buffer.from(want.png))).toBe(0);
    const body = edit.body as Json;
    expect(body.embeds).toEqual(want.payload.embeds);
    expect(body.attachments).toEqual([{ id: 0, filename: want.picture.name, description: want.picture.alt }]);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(s.logs.text).not.toContain(TOKEN);
  });

  it('hidden (hide:true): the deferred answer is ephemeral, and the edit carries the picture', async () => {
    const before = fake.requests.length;
    const r = await postSigned(s.url, slash('taiwan', [opt('hide', true, 5)], { locale: 'zh-TW' }));
    expect(r.body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await nextEdit(before);
    expect(isPng(edit.files?.[0]?.data)).toBe(true);
    expect(edit.files![0]!.filename).toBe('taiwan-map-tw-zh-TW.png');
    expect(ids(edit.body as Json)).toContain('share:z:-');
  });

  it('with no usable interaction token (nothing to edit later), the answer goes at once as text', async () => {
    const r = await postSigned(s.url, { ...slash('timeline', [], { locale: 'en-US' }), token: 'has spaces' });
    expect(r.body.type).toBe(4);
    const data = r.body.data as Payload;
    expect(imageOf(data)).toBeUndefined();
    expect(data.embeds?.[0]?.description).toMatch(/^\(The picture could not be drawn/);
    expect(data.embeds?.[0]?.description).toContain('1901 FCM');
  });

  it('a picture button: ephemeral type 5, then the picture', async () => {
    const before = fake.requests.length;
    const click = {
      ...base(3),
      message: { id: '650000000000000001', channel_id: '1', content: '', embeds: [], components: [], flags: 0 },
      data: { custom_id: 'pic:e:tw.taipei-city', component_type: 2 },
    };
    const r = await postSigned(s.url, click);
    expect(r.body).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await nextEdit(before);
    expect(edit.files![0]!.filename).toBe('taiwan-map-tw.taipei-city-en.png');
    expect(isPng(edit.files![0]!.data)).toBe(true);
  });
});

describe('the console writes the PNG and prints its path', () => {
  const out = mkdtempSync(join(tmpdir(), 'pictures-console-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('/timeline with --json: one line, the payload with files [{name, path, contentType, bytes}]', async () => {
    const s = new ConsoleSession(services, { json: true, outDir: out, locale: 'en' });
    const turn = await s.handle('/timeline national');
    expect(turn.text.includes('\n')).toBe(false);
    const line = JSON.parse(turn.text) as Json & { files: Array<{ name: string; path: string; bytes: number }> };
    expect(line.files).toHaveLength(1);
    const file = line.files[0]!;
    expect(file.name).toMatch(/^timeline-tl\.[0-9a-f]+-en\.png$/);
    expect(existsSync(file.path)).toBe(true);
    expect(isPng(readFileSync(file.path))).toBe(true);
    expect(file.bytes).toBe(readFileSync(file.path).byteLength);
  });

  it('the Timeline button of a list, clicked by its number, writes the picture too', async () => {
    const s = new ConsoleSession(services, { outDir: out });
    const list = await s.handle('/list thematic');
    // The list is paged, so a bare number turns pages: its buttons are `#1`, `#2`…
    const n = controlsOf(list.payload).actions.findIndex((a) => a.customId.startsWith('pic:')) + 1;
    expect(n).toBeGreaterThan(0);
    const click = await s.handle(`#${n}`);
    expect(click.files, click.text).toHaveLength(1);
    expect(click.text).toContain(click.files[0]!.path!);
    expect(isPng(readFileSync(click.files[0]!.path!))).toBe(true);
  });
});

describe('the console words for the picture buttons', () => {
  const out = mkdtempSync(join(tmpdir(), 'pictures-words-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('`timeline` and `map` click the Timeline and Participation map buttons by name', async () => {
    const s = new ConsoleSession(services, { outDir: out, locale: 'en' });
    await s.handle('/taiwan hsinchu');
    const map = await s.handle('map');
    expect(map.files.map((f) => f.name)).toEqual(['taiwan-map-tw.hsinchu-city-en.png']);
    await s.handle('/founded 1998');
    const timeline = await s.handle('timeline');
    expect(timeline.files).toHaveLength(1);
    expect(isPng(readFileSync(timeline.files[0]!.path!))).toBe(true);
    // The picture's reply has no map button: the console says so instead of asking "map" as a question.
    expect((await s.handle('map')).text).toBe('The last answer has no “map” button.');
    expect((await s.handle('help')).text).toContain('timeline, map');
  });
});

describe('when drawing fails, the answer is the text', () => {
  it('keeps every line of the text answer, drops the image, and says so in the answer’s language', async () => {
    const r = runCommand(services, { command: 'timeline', options: {}, locale: 'en-US', user: { id: '1' } });
    const failing = () => Promise.reject(new Error('no canvas here'));
    const drawn = await withPicture(services, r.value, r.picture!, failing);
    expect(drawn.files).toEqual([]);
    expect(drawn.error).toBeInstanceOf(Error);
    expect(imageOf(drawn.payload)).toBeUndefined();
    const description = drawn.payload.embeds?.[0]?.description ?? '';
    expect(description).toMatch(/^\(The picture could not be drawn/);
    expect(description).toContain(r.value.embeds?.[0]?.description ?? 'missing');
  });

  it('the same picture is drawn once: a later request gets the cached bytes', async () => {
    const r = runComponent(services, { customId: 'pic:z:tl', user: { id: '1' } });
    const first = await renderPng(services, r.picture!);
    expect(isPng(first)).toBe(true);
    expect(await renderPng(services, r.picture!)).toBe(first); // the cache hit is the same bytes
  });

  it(`draws at most ${MAX_DRAWING} pictures at once: the next one gets the text answer, later ones draw again`, async () => {
    clearPictureCache();
    const requests = Array.from({ length: MAX_DRAWING + 2 }, (_, i) => {
      const r = runComponent(services, { customId: `pic:e:tl.${(1 << i).toString(16)}`, user: { id: '1' } });
      return r.picture!;
    });
    const results = await Promise.allSettled(requests.map((p) => renderPng(services, p)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_DRAWING);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(2);
    expect(refused.every((r) => r.reason instanceof PicturesBusy)).toBe(true);
    // Refusals are not cached: once the others are done, the same picture draws.
    expect(isPng(await renderPng(services, requests.at(-1)!))).toBe(true);
  });
});
