/**
 * Turns an answer's picture request into the PNG the doors attach. The renderer (src/drawing/, with
 * @napi-rs/canvas and the CJK fonts) is imported on the first picture only, so a console start, or a bot
 * whose users never ask for one, loads none of it. Renders are cached by (picture, language, data hash):
 * the same request drawn twice is the same picture, and concurrent requests share one render. When drawing
 * fails, the answer goes out as text, with a line saying so (the door logs the error).
 */
import type { Services } from '../answers/context.js';
import { withLang } from '../answers/context.js';
import { specField } from '../answers/pictures.js';
import type * as RenderModule from '../drawing/render.js';
import type { FileAttachment, Payload, PictureRequest } from '../kernel/types.js';

export interface Drawn {
  payload: Payload;
  files: FileAttachment[];
  /** Why the picture is missing (the payload then says so in words). */
  error?: unknown;
}

type Renderer = typeof RenderModule;
let renderer: Promise<Renderer> | undefined;

/** At most this many PNGs are kept (each is 0.2–0.5 MB; there are a few dozen distinct pictures). */
const CACHE_LIMIT = 48;
const cache = new Map<string, Promise<Uint8Array>>();

/**
 * At most this many pictures are drawn at once; more get the text answer. Drawing holds the event loop for
 * ~50–150 ms, and a forged button can ask for any of 2^36 row sets, none cached: without a bound, a burst
 * of them would delay every other answer.
 */
export const MAX_DRAWING = 4;
let drawing = 0;

export class PicturesBusy extends Error {
  constructor() {
    super(`${MAX_DRAWING} pictures are being drawn already`);
  }
}

export function pictureKey(services: Services, picture: PictureRequest): string {
  return `${specField.encode(picture.spec)}|${picture.lang}|${services.data.hash}`;
}

/** The PNG for a request: from the cache, or drawn (once, however many ask at the same time). */
export function renderPng(services: Services, picture: PictureRequest): Promise<Uint8Array> {
  const key = pictureKey(services, picture);
  const hit = cache.get(key);
  if (hit) {
    // Least recently used goes first: a hit moves to the end.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  if (drawing >= MAX_DRAWING) return Promise.reject(new PicturesBusy());
  drawing++;
  renderer ??= import('../drawing/render.js');
  const png = renderer.then((r) => r.renderPicture(withLang(services, picture.lang), picture)).then((r) => r.png);
  cache.set(key, png);
  png.then(
    () => drawing--,
    () => {
      drawing--;
      // A failed render is not kept: the next request tries again.
      if (cache.get(key) === png) cache.delete(key);
    },
  );
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return png;
}

/** The answer with its picture attached, or, when drawing fails, as text that says the picture is missing. */
export async function withPicture(
  services: Services,
  payload: Payload,
  picture: PictureRequest,
  render: typeof renderPng = renderPng,
): Promise<Drawn> {
  try {
    const png = await render(services, picture);
    return {
      payload,
      files: [{ name: picture.name, data: png, contentType: 'image/png', description: picture.alt }],
    };
  } catch (error) {
    return { payload: textOnly(services, payload, picture), files: [], error };
  }
}

/** The answer without its picture: the image dropped from its embed, a line saying the picture is missing. */
export function textOnly(services: Services, payload: Payload, picture: PictureRequest): Payload {
  const t = withLang(services, picture.lang).t;
  const embeds = (payload.embeds ?? []).map((e) => {
    if (e.image?.url !== `attachment://${picture.name}`) return e;
    const { image: _image, ...rest } = e;
    return { ...rest, description: `${t('picture:failed')}\n\n${e.description ?? ''}`.trim() };
  });
  return { ...payload, embeds };
}

/** Forgets every cached picture (tests that change the renderer's inputs). */
export function clearPictureCache(): void {
  cache.clear();
}
