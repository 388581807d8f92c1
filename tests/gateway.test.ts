/**
 * End-to-end: the real discord.js client, started by the same code as `npm start` (runGateway), against a
 * fake Discord on loopback. Every assertion is about what the fake received (issue 4, items 1–5).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAutocomplete, runCommand, runComponent } from '../src/app/dispatch.js';
import type { Payload } from '../src/kernel/types.js';
import { INTENTS } from '../src/doors/gateway/bot.js';
import { loadDeployConfig, loadGatewayConfig } from '../src/doors/gateway/config.js';
import { commandDefinitions, deployCommands } from '../src/doors/gateway/deploy.js';
import { LIMITS } from '../src/kernel/limits.js';
import { ConfigError } from '../src/doors/shared/config.js';
import { LineSink, useBot, type FakeDiscord, type RunningBot } from './helpers/fake-discord.js';
import { services } from './helpers/services.js';

/** What discord.js adds to every message body on its own; the rest must be the handler's payload. */
function sent(data: Record<string, unknown> | undefined): Record<string, unknown> {
  const { tts, enforce_nonce, ...rest } = data ?? {};
  expect(tts).toBe(false);
  expect(enforce_nonce).toBe(false);
  return rest;
}

function components(p: Payload): Array<{ type: number; custom_id?: string; disabled?: boolean; options?: unknown[] }> {
  return (p.components ?? []).flatMap((row) => ('components' in row ? (row.components as never[]) : []));
}

let fake: FakeDiscord;
let running: RunningBot;
useBot((started) => ({ fake, running } = started), { services });

describe('1. login, READY, ready to serve; deploy-commands', () => {
  it('fetches the gateway with the token, identifies with the three intents, and says it is ready', () => {
    const gatewayBot = fake.received('GET', /^\/gateway\/bot$/);
    expect(gatewayBot.length).toBeGreaterThanOrEqual(1);
    expect(gatewayBot.every((r) => r.authorized)).toBe(true);
    const identify = fake.identifies[0]!.d as { token: string; intents: number; shard: number[] };
    expect(identify.token).toBe(fake.token);
    // Guilds (1) + GuildMessages (512) + DirectMessages (4096); no privileged MessageContent (32768).
    expect(identify.intents).toBe(1 | 512 | 4096);
    expect(INTENTS.reduce((a, b) => a | b, 0)).toBe(identify.intents);
    expect(identify.shard).toEqual([0, 1]);
    expect(running.bot.client.isReady()).toBe(true);
    expect(running.bot.client.guilds.cache.has(fake.guildId)).toBe(true);
    expect(running.logs.records.some((r) => r.msg === 'ready to serve' && r.guilds === 1)).toBe(true);
  });

  it('deploy-commands PUTs the whole command set once, with zh-TW localizations, integration types and contexts', async () => {
    const stdout = new LineSink();
    const stderr = new LineSink();
    expect(await deployCommands(fake.env(), { stdout, stderr })).toBe(0);
    const puts = fake.received('PUT', new RegExp(`^/applications/${fake.applicationId}/commands$`));
    expect(puts).toHaveLength(1);
    expect(puts[0]!.authorized).toBe(true);
    const body = puts[0]!.body as Array<Record<string, unknown>>;
    expect(body).toEqual(JSON.parse(JSON.stringify(commandDefinitions())));
    // Written out, not taken from COMMAND_NAMES: the test says what Discord must receive.
    const slash = ['org', 'compare', 'taiwan', 'founded', 'list', 'timeline', 'ask', 'about', 'help'];
    expect(body.map((c) => c.name)).toEqual([...slash, 'Look up city alliances']);
    // The message context-menu command: localized name, no description or options, every install and context.
    const menu = body[9] as { type: number; name_localizations: Record<string, string>; integration_types: number[] };
    expect(menu.type).toBe(3);
    expect(menu.name_localizations['zh-TW']).toBe('查詢城市聯盟');
    expect(menu.integration_types).toEqual([0, 1]);
    expect(stdout.text).toContain('Look up city alliances  (zh-TW: 查詢城市聯盟) — message menu');
    for (const c of body.slice(0, 8) as Array<{
      name: string;
      name_localizations: Record<string, string>;
      description_localizations: Record<string, string>;
      integration_types: number[];
      contexts: number[];
      options: Array<{ name_localizations: Record<string, string>; description_localizations: Record<string, string> }>;
    }>) {
      expect(c.name_localizations['zh-TW'], c.name).toBeTruthy();
      expect(c.description_localizations['zh-TW'], c.name).toMatch(/\p{Script=Han}/u);
      expect(c.integration_types).toEqual([0, 1]);
      expect(c.contexts).toEqual([0, 1, 2]);
      for (const o of c.options) {
        expect(o.name_localizations['zh-TW']).toBeTruthy();
        expect(o.description_localizations['zh-TW']).toBeTruthy();
      }
      expect(stdout.text).toContain(`/${c.name}  (zh-TW: /${c.name_localizations['zh-TW']})`);
    }
    expect(stdout.text).toContain('Registered 10 commands globally');
    expect(stderr.text).toBe('');
    // The ids Discord gave the slash commands are stored for the doors' clickable command mentions.
    const stored = JSON.parse(readFileSync(fake.commandIdsFile, 'utf8')) as {
      applicationId: string;
      commands: Record<string, string>;
    };
    expect(stored.applicationId).toBe(fake.applicationId);
    expect(Object.keys(stored.commands)).toEqual(slash);
    expect(stdout.text).toContain(`Stored the command ids in ${fake.commandIdsFile}`);
  });

  it('deploy-commands registers to one server with DISCORD_GUILD_ID', async () => {
    const stdout = new LineSink();
    expect(await deployCommands(fake.env({ DISCORD_GUILD_ID: fake.guildId }), { stdout })).toBe(0);
    expect(fake.received('PUT', new RegExp(`^/applications/\\d+/guilds/${fake.guildId}/commands$`))).toHaveLength(1);
    expect(stdout.text).toContain(`to server ${fake.guildId}`);
  });

  it('deploy-commands fails clearly on a bad token or an unreachable API, and never prints the token', async () => {
    const badToken = 'MTExMTExMTExMTExMTExMTExMQ.wrong.this-token-is-not-valid-at-all-xyz';
    const stdout = new LineSink();
    const stderr = new LineSink();
    expect(await deployCommands(fake.env({ DISCORD_TOKEN: badToken }), { stdout, stderr })).toBe(1);
    expect(stderr.text).toContain('Discord refused the token (401 Unauthorized)');
    expect(stderr.text).toContain('No commands were registered.');
    expect(stdout.text + stderr.text).not.toContain(badToken);

    const offline = new LineSink();
    const code = await deployCommands(fake.env({ DISCORD_API_URL: 'http://127.0.0.1:1/api' }), {
      stderr: offline,
      timeoutMs: 2000,
    });
    expect(code).toBe(1);
    expect(offline.text).toMatch(/Could not reach Discord at http:\/\/127\.0\.0\.1:1\/api \(ECONNREFUSED\)/);
    expect(offline.text).not.toContain(fake.token);
  });
});

describe('2. slash commands give the same payloads as the console', () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['org', { query: '城市聯盟' }],
    ['org', { query: 'iclei' }],
    ['taiwan', { city: 'kaohsiung' }],
    ['founded', { when: '1998' }],
    ['ask', { question: '高雄參加了哪些國際組織?' }],
  ];
  for (const locale of ['zh-TW', 'en-US']) {
    for (const [command, options] of cases) {
      it(`/${command} ${Object.values(options).join(' ')} (${locale})`, async () => {
        const interaction = fake.command(command, options, { locale });
        const id = fake.send(interaction);
        const answer = await fake.answer(id);
        expect(answer.type).toBe(4);
        const expected = runCommand(services, {
          command,
          options,
          locale,
          guildLocale: fake.guildLocale,
          user: { id: (interaction.member as { user: { id: string } }).user.id },
        });
        expect(expected.outcome).toBe('ok');
        expect(sent(answer.data)).toEqual(expected.value);
        expect(fake.answersTo(id)).toHaveLength(1);
      });
    }
  }

  it('answers an unknown command politely, and hide:true ephemerally', async () => {
    const unknown = await fake.answer(fake.send(fake.command('nope', {}, { locale: 'en-US' })));
    expect(unknown.data?.flags).toBe(64);
    expect(unknown.data?.content).toMatch(/don't know the command/);
    const hidden = await fake.answer(fake.send(fake.command('org', { query: 'iclei', hide: true })));
    expect(hidden.data?.flags).toBe(64);
    // The log line is written once Discord has acknowledged the callback, a moment after the fake saw it.
    await fake.waitFor(
      () => running.logs.records.some((r) => r.command === 'nope' && r.outcome === 'unknown'),
      5_000,
      'the unknown command in the log',
    );
  });

  it('answers in a DM as in a server', async () => {
    const answer = await fake.answer(fake.send(fake.command('org', { query: 'iclei' }, { dm: true, locale: 'en-GB' })));
    const expected = runCommand(services, {
      command: 'org',
      options: { query: 'iclei' },
      locale: 'en-GB',
      user: { id: '1' },
    }).value;
    expect(sent(answer.data)).toEqual(expected);
  });
});

describe('3. autocomplete', () => {
  const cases: Array<[string, string, string, string]> = [
    ['org', 'query', '', 'zh-TW'],
    ['org', 'query', 'icl', 'en-US'],
    ['org', 'query', '城市', 'zh-TW'],
    ['compare', 'second', 'uc', 'en-US'],
    ['taiwan', 'city', '', 'en-US'],
    ['taiwan', 'city', 'kao', 'en-US'],
    ['taiwan', 'city', '高雄', 'zh-TW'],
  ];
  for (const [command, option, typed, locale] of cases) {
    it(`/${command} ${option}:"${typed}" (${locale}) answers ≤ 25 valid choices well inside 3 s`, async () => {
      const id = fake.send(fake.autocomplete(command, option, typed, {}, { locale }));
      const answer = await fake.answer(id);
      const ms = answer.at - fake.dispatchedAt.get(id)!;
      expect(answer.type).toBe(8);
      const choices = (answer.data as { choices: Array<{ name: string; value: string }> }).choices;
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(LIMITS.AUTOCOMPLETE_CHOICES);
      for (const c of choices) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.name.length).toBeLessThanOrEqual(LIMITS.CHOICE_NAME);
        // /org offers organizations and domestic alliances, /compare organizations, /taiwan places and alliances.
        const known =
          command === 'org'
            ? (services.data.org(c.value) ?? services.data.alliance(c.value))
            : command === 'compare'
              ? services.data.org(c.value)
              : (services.data.place(c.value) ?? services.data.alliance(c.value));
        expect(known, c.value).toBeDefined();
      }
      expect(choices).toEqual(
        runAutocomplete(services, {
          command,
          focused: { name: option, value: typed },
          options: {},
          locale,
          guildLocale: fake.guildLocale,
          user: { id: '1' },
        }).value.map((c) => ({ name: c.name, value: c.value })),
      );
      // In the user's language: zh-TW names carry Han characters, English ones do not need to.
      if (locale === 'zh-TW') expect(choices[0]!.name).toMatch(/\p{Script=Han}/u);
      // Discord shows "interaction failed" after 3 s; here it takes milliseconds unless the machine is swamped.
      expect(ms).toBeLessThan(3000);
    });
  }
});

describe('4. components update the message', () => {
  it('a pagination button turns the page in place (type 7)', async () => {
    const first = await fake.answer(fake.send(fake.command('founded', { when: '1900-2006' }, { locale: 'en-US' })));
    const page1 = sent(first.data) as Payload;
    const next = components(page1).find((c) => c.custom_id && !c.disabled && /:1$/.test(c.custom_id));
    expect(next?.custom_id).toBeDefined();
    const click = fake.send(
      fake.component(next!.custom_id!, page1 as Record<string, unknown>, undefined, { locale: 'en-US' }),
    );
    const updated = await fake.answer(click);
    expect(updated.type).toBe(7);
    const expected = runComponent(services, { customId: next!.custom_id!, locale: 'en-US', user: { id: '1' } });
    expect(expected.value.update).toBe(true);
    expect(sent(updated.data)).toEqual(expected.value.payload);
    expect(JSON.stringify(updated.data)).toContain('2 of 3');
  });

  it('a "did you mean" select menu replaces the answer with the chosen organization (type 7)', async () => {
    const first = await fake.answer(fake.send(fake.command('org', { query: '城市' }, { locale: 'zh-TW' })));
    const menu = components(sent(first.data) as Payload).find((c) => c.type === 3);
    expect(menu?.custom_id).toBe('org:z:pick');
    const click = fake.send(fake.component(menu!.custom_id!, first.data!, ['iclei']));
    const updated = await fake.answer(click);
    expect(updated.type).toBe(7);
    const expected = runComponent(services, { customId: 'org:z:pick', values: ['iclei'], user: { id: '1' } });
    expect(sent(updated.data)).toEqual(expected.value.payload);
    expect(JSON.stringify(updated.data)).toContain('ICLEI');
  });

  it('a stale or forged component id gets a polite ephemeral answer, not an update', async () => {
    const answer = await fake.answer(fake.send(fake.component('fd:z:garbage', { content: 'old' })));
    expect(answer.type).toBe(4);
    expect(answer.data?.flags).toBe(64);
    await fake.waitFor(
      () => running.logs.records.some((r) => r.customId === 'fd:z:garbage' && r.outcome === 'stale'),
      5_000,
      'the stale click in the log',
    );
  });
});

describe('5. @mentions', () => {
  it('answers a message that @mentions the bot, in reply to it, pinging nobody; ignores the rest', async () => {
    const other = fake.user();
    const ignored = [
      fake.channelMessage('UCLG 總部在哪裡?'),
      fake.channelMessage('@everyone UCLG 總部在哪裡?', { mentionEveryone: true }),
      fake.channelMessage(`<@&${fake.roleId}> UCLG?`, { mentionRoles: [fake.roleId] }),
      fake.channelMessage(`<@${other.id as string}> UCLG?`, { mentions: [other] }),
      fake.channelMessage(`<@${fake.botId}> UCLG?`, {
        mentions: [fake.botUser],
        author: { ...fake.user(), bot: true },
      }),
    ].map((m) => fake.sendMessage(m));
    const asked = fake.channelMessage(`<@${fake.botId}> UCLG 總部在哪裡?`, { mentions: [fake.botUser] });
    const id = fake.sendMessage(asked);
    const reply = await fake.waitFor(() => fake.repliesTo(id)[0], 5000, 'the reply to the mention');
    const body = reply.body as Record<string, unknown>;
    expect(body.message_reference).toMatchObject({ message_id: id });
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const expected = runCommand(services, {
      command: 'ask',
      options: { question: 'UCLG 總部在哪裡?' },
      locale: 'zh-TW',
      guildLocale: fake.guildLocale,
      user: { id: '1' },
    }).value;
    expect(body.content).toBe(expected.content);
    expect(body.embeds).toEqual(expected.embeds);
    expect(body.flags).toBeUndefined();
    expect(JSON.stringify(body)).toContain('巴塞隆納');
    // The events are handled in order: the ignored ones came first and got nothing.
    for (const m of ignored) expect(fake.repliesTo(m)).toHaveLength(0);
    expect(fake.received('POST', /^\/channels\/\d+\/messages$/)).toHaveLength(1);
  });

  it('answers an English question in English, and the nickname form <@!id> too', async () => {
    const id = fake.sendMessage(
      fake.channelMessage(`<@!${fake.botId}> where is the headquarters of UCLG?`, { mentions: [fake.botUser] }),
    );
    const reply = await fake.waitFor(() => fake.repliesTo(id)[0]);
    expect(JSON.stringify(reply.body)).toContain('Barcelona');
  });

  it('answers a direct message without a mention', async () => {
    const id = fake.sendMessage(fake.channelMessage('ICLEI?', { dm: true }));
    const reply = await fake.waitFor(() => fake.repliesTo(id)[0]);
    expect(reply.path).toBe(`/channels/${fake.dmChannelId}/messages`);
    expect(JSON.stringify(reply.body)).toContain('ICLEI');
  });
});

describe('configuration', () => {
  const base = { DISCORD_TOKEN: 'MTA5.abc.defghijklmnopqrstuvwxyz', DISCORD_APPLICATION_ID: '123456789012345678' };

  it('applies defaults, treats empty values as unset and trims a trailing slash from the API URL', () => {
    expect(loadGatewayConfig({ ...base, DISCORD_GUILD_ID: '', LOG_LEVEL: ' ' })).toEqual({
      token: base.DISCORD_TOKEN,
      applicationId: base.DISCORD_APPLICATION_ID,
      guildId: undefined,
      apiUrl: 'https://discord.com/api',
      logLevel: 'info',
      shardCount: undefined,
      rateLimit: { points: 8, windowSeconds: 20 },
    });
    const c = loadGatewayConfig({
      ...base,
      DISCORD_API_URL: 'http://127.0.0.1:8080/proxy/api/',
      SHARD_COUNT: 'auto',
      RATE_LIMIT_POINTS: '3',
      RATE_LIMIT_WINDOW_SECONDS: '60',
    });
    expect(c.apiUrl).toBe('http://127.0.0.1:8080/proxy/api');
    expect(c.shardCount).toBe('auto');
    expect(c.rateLimit).toEqual({ points: 3, windowSeconds: 60 });
    expect(loadGatewayConfig({ ...base, SHARD_COUNT: '4' }).shardCount).toBe(4);
  });

  it('reports every bad value at once, one line per variable', () => {
    const bad = {
      DISCORD_APPLICATION_ID: '12',
      DISCORD_GUILD_ID: 'my server',
      DISCORD_API_URL: 'javascript:alert(1)',
      SHARD_COUNT: '0',
      RATE_LIMIT_POINTS: '1e3',
    };
    const err = (() => {
      try {
        loadGatewayConfig(bad);
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('no error');
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.problems.map((p) => p.split(' ')[0])).toEqual([
      'DISCORD_TOKEN',
      'DISCORD_APPLICATION_ID',
      'DISCORD_GUILD_ID',
      'DISCORD_API_URL',
      'SHARD_COUNT',
      'RATE_LIMIT_POINTS',
    ]);
  });

  it('deploy-commands needs only the token and the application id', () => {
    expect(loadDeployConfig({ ...base, LOG_LEVEL: 'nonsense', SHARD_COUNT: 'x' })).toEqual({
      token: base.DISCORD_TOKEN,
      applicationId: base.DISCORD_APPLICATION_ID,
      guildId: undefined,
      apiUrl: 'https://discord.com/api',
    });
    expect(() => loadDeployConfig({ DISCORD_APPLICATION_ID: base.DISCORD_APPLICATION_ID })).toThrow(/DISCORD_TOKEN/);
  });
});
