/**
 * End-to-end, gateway door (issue 12): the message context-menu command, Share, the `for` colleague ping,
 * follow-ups by replying to an answer (and a reply to someone else's message), the delete and edit
 * lifecycle of a mention's answer, and a CSV export attached to an ephemeral reply — the real discord.js
 * client against the fake Discord on loopback; every assertion is about what the fake received.
 */
import { describe, expect, it } from 'vitest';
import { runCommand, runComponent } from '../src/app/dispatch.js';
import type { Payload } from '../src/kernel/types.js';
import { useBot, type FakeDiscord, type RunningBot } from './helpers/fake-discord.js';
import { services } from './helpers/services.js';

type Json = Record<string, unknown>;

function buttons(p: Payload | Json | undefined): Array<{ custom_id?: string; label?: string }> {
  const rows = ((p as Payload | undefined)?.components ?? []) as Array<{ components?: unknown[] }>;
  return rows.flatMap((r) => (r.components ?? []) as Array<{ custom_id?: string; label?: string }>);
}
const idStarting = (p: Payload | Json | undefined, tag: string): string | undefined =>
  buttons(p).find((b) => b.custom_id?.startsWith(`${tag}:`))?.custom_id;

let fake: FakeDiscord;
let running: RunningBot;
const COLLEAGUE = '234567890123456789';
useBot((started) => ({ fake, running } = started), { services });

describe('the message context-menu command', () => {
  it('answers what a colleague’s message asks, hidden, with a Share button', async () => {
    const target = fake.channelMessage('高雄參加了哪些國際組織？', { author: fake.user() });
    const answer = await fake.answer(fake.send(fake.messageCommand('Look up city alliances', target)));
    expect(answer.type).toBe(4);
    expect(answer.data?.flags).toBe(64);
    expect(JSON.stringify(answer.data)).toContain('高雄');
    expect(idStarting(answer.data, 'share')).toBe('share:z:-');
    const expected = runCommand(services, {
      command: 'ask',
      options: { question: '高雄參加了哪些國際組織？' },
      locale: 'zh-TW',
      user: { id: '1' },
    }).value;
    expect(answer.data?.embeds ?? []).toEqual(expected.embeds ?? []);
  });

  it('reads an English message in the user’s English, and says so politely when a message has no text', async () => {
    const en = await fake.answer(
      fake.send(
        fake.messageCommand('Look up city alliances', fake.channelMessage('When was ICLEI founded?'), {
          locale: 'en-US',
        }),
      ),
    );
    expect(String(en.data?.content)).toMatch(/ICLEI/);
    expect(String(en.data?.content)).toMatch(/1992/);
    const empty = await fake.answer(
      fake.send(fake.messageCommand('Look up city alliances', fake.channelMessage(''), { locale: 'en-US' })),
    );
    expect(empty.data?.flags).toBe(64);
    expect(String(empty.data?.content)).toMatch(/no text/);
  });
});

describe('Share and for', () => {
  it('posts a hidden answer publicly, without its Share button, pinging nobody', async () => {
    const hidden = await fake.answer(fake.send(fake.command('org', { query: 'iclei', hide: true })));
    const share = idStarting(hidden.data, 'share');
    expect(share).toBeDefined();
    const shared = await fake.answer(fake.send(fake.component(share!, { ...hidden.data, flags: 64 })));
    expect(shared.type).toBe(4);
    expect(shared.data?.flags ?? 0).toBe(0);
    expect(shared.data?.embeds).toEqual(hidden.data?.embeds);
    expect(idStarting(shared.data, 'share')).toBeUndefined();
    expect(idStarting(shared.data, 'full')).toBe('full:z:iclei');
    expect(shared.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('`for` mentions one colleague and allows exactly that one ping, also once shared', async () => {
    const answer = await fake.answer(fake.send(fake.command('org', { query: 'iclei', for: COLLEAGUE })));
    expect(String(answer.data?.content)).toMatch(new RegExp(`^<@${COLLEAGUE}>`));
    expect(answer.data?.allowed_mentions).toEqual({ parse: [], users: [COLLEAGUE] });
    const hidden = await fake.answer(fake.send(fake.command('org', { query: 'iclei', for: COLLEAGUE, hide: true })));
    const share = idStarting(hidden.data, 'share');
    expect(share).toBe(`share:z:${COLLEAGUE}`);
    const shared = await fake.answer(fake.send(fake.component(share!, { ...hidden.data, flags: 64 })));
    expect(shared.data?.allowed_mentions).toEqual({ parse: [], users: [COLLEAGUE] });
    expect(String(shared.data?.content)).toContain(`<@${COLLEAGUE}>`);
  });

  it('refuses a `for` that is not a user id, with a localized notice', async () => {
    const answer = await fake.answer(
      fake.send(fake.command('org', { query: 'iclei', for: '@everyone' }, { locale: 'en-US' })),
    );
    expect(answer.data?.flags).toBe(64);
    expect(String(answer.data?.content)).toMatch(/one Discord user/);
    expect(answer.data?.allowed_mentions).toEqual({ parse: [] });
  });
});

/** Sends a mention and waits for the bot's reply; returns the question and the stored answer. */
async function ask(content: string): Promise<{ question: Json; answer: Json }> {
  const question = fake.channelMessage(`<@${fake.botId}> ${content}`, { mentions: [fake.botUser] });
  fake.sendMessage(question);
  const reply = await fake.waitFor(() => fake.repliesTo(question.id as string)[0], 5000, 'the answer');
  await fake.waitFor(() => fake.stored.size > 0, 1000, 'the stored answer');
  const answer = [...fake.stored.values()].find(
    (m) => (m.message_reference as Json | undefined)?.message_id === question.id,
  );
  expect(answer, JSON.stringify(reply.body)).toBeDefined();
  // The bot remembers the answer once Discord's reply reached it (its log line comes after): only then can
  // a delete or an edit of the question find it, whatever order the REST reply and the next event arrive in.
  await fake.waitFor(
    () => running.logs.records.some((r) => r.msg === 'mention' && r.message === question.id),
    5000,
    'the answer remembered',
  );
  return { question, answer: answer! };
}

describe('follow-ups by replying to an answer', () => {
  it('answers a reply in the context of the answer it replies to, in both languages', async () => {
    const { answer } = await ask('ICLEI 是什麼？');
    expect(idStarting(answer, 'full')).toBe('full:z:iclei');
    const reply = fake.replyMessage('那它的總部在哪？', answer);
    fake.sendMessage(reply);
    const follow = await fake.waitFor(() => fake.repliesTo(reply.id as string)[0], 5000, 'the follow-up');
    const text = JSON.stringify(follow.body);
    expect(text).toContain('ICLEI');
    expect(text).toContain('德國');

    const { answer: en } = await ask('What is UCLG?');
    const reply2 = fake.replyMessage('and when was it founded?', en);
    fake.sendMessage(reply2);
    const follow2 = await fake.waitFor(() => fake.repliesTo(reply2.id as string)[0], 5000, 'the English follow-up');
    expect(JSON.stringify(follow2.body)).toMatch(/UCLG[\s\S]*2004/);
  });

  it('a follow-up that names its own subject is answered about it', async () => {
    const { answer } = await ask('高雄市參加哪些國際組織？');
    const reply = fake.replyMessage('那台南呢？', answer);
    fake.sendMessage(reply);
    const follow = await fake.waitFor(() => fake.repliesTo(reply.id as string)[0], 5000, 'the follow-up');
    expect(JSON.stringify(follow.body)).toContain('臺南');
  });

  it('a reply to another user’s message is a normal mention, or nothing without one', async () => {
    const other = fake.channelMessage('ICLEI 很重要', { author: fake.user() });
    fake.stored.set(other.id as string, other);
    const silent = fake.replyMessage('那它的總部在哪？', other);
    fake.sendMessage(silent);
    const mention = fake.replyMessage(`<@${fake.botId}> 那它的總部在哪？`, other, { mentions: [fake.botUser] });
    fake.sendMessage(mention);
    const answer = await fake.waitFor(() => fake.repliesTo(mention.id as string)[0], 5000, 'the mention answer');
    expect(fake.repliesTo(silent.id as string)).toHaveLength(0);
    // Without the subject of a bot answer, the question names no organization: not ICLEI's headquarters.
    expect(JSON.stringify(answer.body)).not.toContain('德國');
  });
});

describe('the answer follows its question', () => {
  it('is deleted when the question is deleted', async () => {
    const { question, answer } = await ask('UCLG 總部在哪裡?');
    fake.deleteMessage(question.id as string);
    await fake.waitFor(
      () => fake.received('DELETE', new RegExp(`/messages/${answer.id as string}$`))[0],
      5000,
      'the answer deleted',
    );
    expect(fake.stored.has(answer.id as string)).toBe(false);
  });

  it('is edited to match when the question is edited, and deleted when the mention is edited out', async () => {
    const { question, answer } = await ask('UCLG 總部在哪裡?');
    fake.editMessage(question, `<@${fake.botId}> ICLEI 總部在哪裡?`);
    const patch = await fake.waitFor(
      () => fake.received('PATCH', new RegExp(`/messages/${answer.id as string}$`))[0],
      5000,
      'the answer edited',
    );
    expect(JSON.stringify(patch.body)).toContain('ICLEI');
    expect((patch.body as Json).allowed_mentions).toEqual({ parse: [] });
    fake.editMessage(question, 'never mind');
    await fake.waitFor(
      () => fake.received('DELETE', new RegExp(`/messages/${answer.id as string}$`))[0],
      5000,
      'the answer deleted after the mention was removed',
    );
  });

  it('is deleted by a bulk delete too', async () => {
    const { question, answer } = await ask('ICLEI?');
    fake.dispatch('MESSAGE_DELETE_BULK', { ids: [question.id], channel_id: fake.channelId, guild_id: fake.guildId });
    await fake.waitFor(
      () => fake.received('DELETE', new RegExp(`/messages/${answer.id as string}$`))[0],
      5000,
      'the answer deleted in bulk',
    );
  });

  it('forgets nothing it should not: deleting an unanswered message deletes nothing', async () => {
    const before = fake.received('DELETE', /\/messages\//).length;
    fake.deleteMessage('123456789012345678');
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.received('DELETE', /\/messages\//)).toHaveLength(before);
  });
});

describe('Export CSV', () => {
  it('attaches the list as a UTF-8 CSV with a BOM to an ephemeral reply, byte for byte', async () => {
    const list = await fake.answer(fake.send(fake.command('list', { type: 'national' })));
    const csv = idStarting(list.data, 'lscsv');
    expect(csv).toBe('lscsv:z:national');
    const click = fake.send(fake.component(csv!, list.data!));
    const answer = await fake.answer(click);
    expect(answer.type).toBe(4);
    expect(answer.data?.flags).toBe(64);
    const request = fake
      .received('POST', /^\/interactions\/\d+\/[^/]+\/callback$/)
      .find((r) => r.path.includes(`/interactions/${click}/`));
    const file = request?.files?.[0];
    expect(file?.filename).toBe('city-alliances-national.csv');
    const expected = runComponentFile(csv!);
    expect(Buffer.compare(file!.data, Buffer.from(expected))).toBe(0);
    expect([...file!.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file!.data.toString('utf8')).toContain('全國型');
  });
});

function runComponentFile(customId: string): Uint8Array {
  const reply = runComponent(services, { customId, user: { id: '1' } }).value;
  return reply.files![0]!.data;
}
