/**
 * Issue 12's replies over the whole dataset, in both languages: every short card and its Full record,
 * Cite and Share, every CSV export, the message menu command and a `for` answer fit Discord's limits and
 * ping nobody but the one colleague named.
 */
import { describe, expect, it } from 'vitest';
import { CITE, FULL, SHARE, customIds } from '../src/answers/actions.js';
import { runComponent, runMessageCommand } from '../src/app/dispatch.js';
import { limitViolations } from '../src/kernel/limits.js';
import type { ComponentReply, Payload } from '../src/kernel/types.js';
import { run, services } from './helpers/services.js';

const LANGS = ['zh-TW', 'en'] as const;
const USER = { id: '100000000000000001' };
const COLLEAGUE = '200000000000000002';

function click(customId: string, message?: Payload): ComponentReply {
  const r = runComponent(services, { customId, user: USER, ...(message ? { message } : {}) });
  expect(r.outcome, customId).toBe('ok');
  return r.value;
}

function check(label: string, p: Payload, mention?: string): void {
  expect(limitViolations(p), label).toEqual([]);
  expect(p.allowed_mentions, label).toEqual(mention ? { parse: [], users: [mention] } : { parse: [] });
}

describe('issue 12 replies fit every Discord limit', () => {
  for (const lang of LANGS) {
    it(`short card, Full record, Cite and Share for every organization, alliance and place (${lang})`, () => {
      const records = [...services.data.organizations, ...services.data.alliances, ...services.data.places];
      for (const r of records) {
        const command = 'memberships' in r && !('type' in r) ? 'taiwan' : 'org';
        const options = command === 'taiwan' ? { city: r.id, lang, hide: true } : { query: r.id, lang, hide: true };
        const answer = run(command, options);
        check(`/${command} ${r.id}`, answer);
        const ids = customIds(answer.components);
        const full = ids.find((id) => FULL.decode(id));
        const cite = ids.find((id) => CITE.decode(id));
        const share = ids.find((id) => SHARE.decode(id));
        expect(full && cite && share, `${r.id}: ${ids.join(' ')}`).toBeTruthy();
        const whole = click(full!, answer);
        expect(whole.update).toBe(true);
        check(`full ${r.id}`, whole.payload);
        // The whole record keeps Cite and Share.
        expect(customIds(whole.payload.components).filter((id) => CITE.decode(id) || SHARE.decode(id))).toHaveLength(2);
        const citation = click(cite!, answer);
        expect(citation.payload.flags).toBe(64);
        check(`cite ${r.id}`, citation.payload);
        const shared = click(share!, { ...answer });
        expect(shared.payload.flags ?? 0).toBe(0);
        check(`share ${r.id}`, shared.payload);
      }
    });

    it(`every CSV export, and a for answer (${lang})`, () => {
      const lists: Payload[] = [
        run('list', { lang }),
        run('taiwan', { lang }),
        ...['1990s', 'before 1950', 'unknown', 'all'].map((when) => run('founded', { when, lang })),
        ...['1990年以後成立的組織', 'thematic organizations', '環境相關的組織'].map((question) =>
          run('ask', { question, lang }),
        ),
        ...services.data.places.map((p) => run('taiwan', { city: p.id, lang })),
      ];
      let exported = 0;
      for (const list of lists) {
        for (const id of customIds(list.components).filter((c) => /^[a-z]+csv:/.test(c))) {
          const reply = click(id);
          check(id, reply.payload);
          expect(reply.payload.flags).toBe(64);
          for (const f of reply.files ?? []) {
            expect([...f.data.subarray(0, 3)], id).toEqual([0xef, 0xbb, 0xbf]);
            expect(f.name).toMatch(/^[a-z0-9-]+\.csv$/);
          }
          exported++;
        }
      }
      expect(exported).toBeGreaterThan(10);
      check('for', run('org', { query: 'iclei', lang, for: COLLEAGUE }), COLLEAGUE);
    });

    it(`the message menu command over every organization's names (${lang})`, () => {
      for (const o of services.data.organizations) {
        const r = runMessageCommand(services, {
          command: 'Look up city alliances',
          text: `${o.names.zh} ${o.names.en}`,
          locale: lang,
          user: USER,
        });
        expect(r.outcome).toBe('ok');
        expect(r.value.flags).toBe(64);
        check(`menu ${o.id}`, r.value);
      }
    });
  }
});
