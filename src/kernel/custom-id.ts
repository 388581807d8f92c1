/**
 * Component custom_ids carry their whole state, so any shard or HTTP instance can answer a click with no
 * server memory. Each kind of component has one codec: a tag, then typed fields joined by ':'. Handlers get
 * the decoded, typed state and never split strings themselves.
 *
 * Versioned: version 1 of a format is tagged by its bare prefix (`fd`, the ids every message posted so far
 * carries); version n > 1 by `<prefix>.<n>`. A changed format gets a new tag, so buttons on old messages
 * are decoded by their own version's codec, or refused as stale on purpose, never misread.
 *
 * Written here rather than with zod: it is a dozen lines, and the one-shot console would pay ~100 ms to load
 * zod for it.
 */
import { LIMITS } from './limits.js';
import type { Lang } from './types.js';

/** What a field's decode returns for a part it does not accept (undefined can be a valid value). */
export const INVALID: unique symbol = Symbol('invalid');

export interface Field<T> {
  encode(value: T): string;
  decode(part: string): T | typeof INVALID;
}

const RECORD_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const fields = {
  /** The answer's language as one letter, to save room in 100 characters. */
  lang: {
    encode: (lang: Lang) => (lang === 'en' ? 'e' : 'z'),
    decode: (s: string) => (s === 'e' ? 'en' : s === 'z' ? 'zh-TW' : INVALID),
  } satisfies Field<Lang> as Field<Lang>,
  /** A page number: a plain non-negative integer (the page builders clamp it to the pages there are). */
  page: {
    encode: (n: number) => String(n),
    decode: (s: string) => (/^\d{1,6}$/.test(s) ? Number(s) : INVALID),
  } satisfies Field<number> as Field<number>,
  /** A dataset record id (`iclei`, `kaohsiung-city`). */
  recordId: {
    encode: (id: string) => id,
    decode: (s: string) => (RECORD_ID.test(s) ? s : INVALID),
  } satisfies Field<string> as Field<string>,
  /** A fixed word, such as the action of a menu (`pick`). */
  literal<const V extends string>(word: V): Field<V> {
    return { encode: () => word, decode: (s) => (s === word ? word : INVALID) };
  },
  /** One of a list of words. */
  oneOf<const V extends string>(values: readonly V[]): Field<V> {
    return { encode: (v) => v, decode: (s) => values.find((v) => v === s) ?? INVALID };
  },
  /** A field that may be absent, written `-`. */
  optional<T>(field: Field<T>): Field<T | undefined> {
    return {
      encode: (v) => (v === undefined ? '-' : field.encode(v)),
      decode: (s) => (s === '-' ? undefined : field.decode(s)),
    };
  },
} as const;

/** Any fields: encode takes `never` so that a field of any value type fits (method parameters are bivariant). */
type Shape = Record<string, { encode(value: never): string; decode(part: string): unknown }>;
export type StateOf<S extends Shape> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

export interface IdCodec<T> {
  /** The first part of every id this codec writes: the prefix, with the version when it is above 1. */
  readonly tag: string;
  encode(state: T): string;
  /** The state an id carries, or undefined for an id of another kind, version or shape (stale or forged). */
  decode(customId: string): T | undefined;
}

export function idCodec<const S extends Shape>(prefix: string, version: number, shape: S): IdCodec<StateOf<S>> {
  if (!/^[a-z]+$/.test(prefix) || !Number.isInteger(version) || version < 1) {
    throw new Error(`bad custom_id codec ${prefix} v${version}`);
  }
  const tag = version === 1 ? prefix : `${prefix}.${version}`;
  const keys = Object.keys(shape) as Array<keyof S & string>;
  const field = (key: keyof S): Field<unknown> => shape[key] as unknown as Field<unknown>;
  return {
    tag,
    encode(state) {
      const parts = keys.map((k) => field(k).encode(state[k]));
      // A part with ':' would shift every later field; one over 100 characters Discord refuses. Both are
      // programming errors, caught by the tests that render every component.
      if (parts.some((p) => p.includes(':'))) throw new Error(`custom_id part contains ':': ${parts.join('|')}`);
      const id = [tag, ...parts].join(':');
      if (id.length > LIMITS.CUSTOM_ID) throw new Error(`custom_id over ${LIMITS.CUSTOM_ID} characters: ${id}`);
      return id;
    },
    decode(customId) {
      const parts = customId.split(':');
      if (parts[0] !== tag || parts.length !== keys.length + 1) return undefined;
      const state: Record<string, unknown> = {};
      for (const [i, key] of keys.entries()) {
        const value = field(key).decode(parts[i + 1]!);
        if (value === INVALID) return undefined;
        state[key] = value;
      }
      return state as StateOf<S>;
    },
  };
}
