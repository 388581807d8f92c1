/**
 * Component ids: one typed codec per kind, versioned. The formats of version 1 are the ones every message
 * posted so far carries, so they are pinned here byte for byte: a click on an old message must still work.
 */
import { describe, expect, it } from 'vitest';
import { defineCommand } from '../src/answers/command.js';
import { FD_PAGE } from '../src/answers/founding.js';
import { ORG_PICK, ORG_SHOW } from '../src/answers/organization.js';
import { TW_PICK } from '../src/answers/place.js';
import { runComponent } from '../src/app/dispatch.js';
import { fields, idCodec } from '../src/kernel/custom-id.js';
import { ApplicationCommandOptionType } from '../src/kernel/discord-enums.js';
import { services } from './helpers/services.js';

describe('custom_id codecs', () => {
  it('write the version-1 formats exactly as before', () => {
    expect(ORG_PICK.encode({ lang: 'zh-TW', action: 'pick' })).toBe('org:z:pick');
    expect(ORG_SHOW.encode({ lang: 'en', action: 'show', id: 'iclei' })).toBe('org:e:show:iclei');
    expect(TW_PICK.encode({ lang: 'en', action: 'pick' })).toBe('tw:e:pick');
    expect(
      FD_PAGE.encode({ lang: 'en', when: { kind: 'range', from: 1990, to: 1999 }, type: undefined, page: 0 }),
    ).toBe('fd:e:1990-1999:-:0');
    expect(FD_PAGE.encode({ lang: 'zh-TW', when: { kind: 'preparing' }, type: 'thematic', page: 2 })).toBe(
      'fd:z:preparing:thematic:2',
    );
  });

  it('read them back into typed state', () => {
    expect(FD_PAGE.decode('fd:e:1990-1999:national:3')).toEqual({
      lang: 'en',
      when: { kind: 'range', from: 1990, to: 1999 },
      type: 'national',
      page: 3,
    });
    expect(ORG_SHOW.decode('org:z:show:cities-alliance')).toEqual({
      lang: 'zh-TW',
      action: 'show',
      id: 'cities-alliance',
    });
  });

  it.each([
    ['another kind', 'ls:e:-:1'],
    ['a part too many (the disabled page label)', 'fd:e:1990-1999:-:0:x'],
    ['a part missing', 'fd:e:1990-1999:-'],
    ['an unknown language', 'fd:x:1990-1999:-:0'],
    ['a type that does not exist', 'fd:e:1990-1999:zzz:0'],
    ['a page that is not a whole number', 'fd:e:1990-1999:-:1e2'],
    ['an empty page', 'fd:e:1990-1999:-:'],
    ['a negative page', 'fd:e:1990-1999:-:-3'],
    ['a filter that is not one', 'fd:e:garbage:-:0'],
  ])('refuse %s', (_label, id) => {
    expect(FD_PAGE.decode(id)).toBeUndefined();
  });

  it('tag a later version apart, so old and new ids never read as each other', () => {
    const v2 = idCodec('fd', 2, { lang: fields.lang, page: fields.page });
    expect(v2.tag).toBe('fd.2');
    expect(v2.encode({ lang: 'en', page: 4 })).toBe('fd.2:e:4');
    expect(v2.decode('fd:e:4')).toBeUndefined();
    expect(FD_PAGE.decode('fd.2:e:4')).toBeUndefined();
  });

  it('refuse to write an id that would be misread or refused by Discord', () => {
    const long = 'x'.repeat(120);
    const codec = idCodec('t', 1, { word: fields.oneOf(['a:b', long]), page: fields.page });
    expect(() => codec.encode({ word: 'a:b', page: 0 })).toThrow(/contains ':'/);
    expect(() => codec.encode({ word: long, page: 0 })).toThrow(/over 100 characters/);
  });

  it('an id the dispatcher cannot decode is answered as stale, one it can is answered', () => {
    const user = { id: '1' };
    expect(runComponent(services, { customId: 'fd:e:1990-1999:-:0', user }).outcome).toBe('ok');
    expect(runComponent(services, { customId: 'org:e:show:iclei', user }).outcome).toBe('ok');
    expect(runComponent(services, { customId: 'org:e:show:no-such-org', user }).outcome).toBe('stale');
    expect(runComponent(services, { customId: 'fd.9:e:0', user }).outcome).toBe('stale');
  });
});

describe('typed options', () => {
  it('a handler sees exactly the options its list declares, plus lang and hide', () => {
    const probe = defineCommand({
      name: 'org',
      options: [{ name: 'query', type: ApplicationCommandOptionType.String }],
      run(req) {
        const known: Array<string | number | boolean | undefined> = [
          req.options.query,
          req.options.lang,
          req.options.hide,
        ];
        // @ts-expect-error: a misspelt option name is a compile error (npm run typecheck checks this file)
        known.push(req.options.qurey);
        return { content: known.map(String).join(',') };
      },
    });
    const out = probe.run({ command: 'org', options: { query: 'x' }, user: { id: '1' } }, undefined as never);
    expect('content' in out ? out.content : undefined).toBe('x,undefined,undefined,undefined');
  });
});
