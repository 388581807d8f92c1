/**
 * Clickable commands (issue 12, item 7): once deploy-commands stored the command ids, /help, "no match"
 * hints and the "equivalent slash command" lines show `</org:id>` mentions; without the file, plain text.
 * The file is validated: another application's ids or a broken file mean plain text and a log line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../src/app/dispatch.js';
import { readCommandIds, writeCommandIds } from '../src/doors/shared/command-ids.js';
import { services, text } from './helpers/services.js';

const APP = '111111111111111111';
const IDS = {
  org: '222222222222222201',
  founded: '222222222222222202',
  help: '222222222222222203',
  list: '222222222222222204',
  ask: '222222222222222205',
};

function withIds(command: string, options: Record<string, string>) {
  const s = { ...services, commandIds: new Map(Object.entries(IDS)) };
  return runCommand(s, { command, options, user: { id: '1' } }).value;
}

describe('command mentions', () => {
  it('/help leads each command with its clickable mention, and plain text without ids', () => {
    expect(text(withIds('help', { lang: 'en' }))).toContain(`</org:${IDS.org}>`);
    expect(text(runCommand(services, { command: 'help', options: {}, user: { id: '1' } }).value)).not.toMatch(
      /<\/org:/,
    );
  });

  it('the "same as" line of a computed answer names the command as a mention, options in code', () => {
    const p = withIds('ask', { question: '1990年以後成立的組織', lang: 'zh-TW' });
    expect(p.content).toMatch(new RegExp(`（同 </founded:${IDS.founded}> \`when:[^\`]+\`）`));
    const plain = runCommand(services, {
      command: 'ask',
      options: { question: '1990年以後成立的組織' },
      user: { id: '1' },
    }).value;
    expect(plain.content).toMatch(/（同 `\/founded when:[^`]+`）/);
  });

  it('a miss hints with mentions', () => {
    expect(withIds('org', { query: 'zzqqxx', lang: 'en' }).content).toContain(`</list:${IDS.list}>`);
    expect(withIds('ask', { question: 'zzqqxx yyy', lang: 'en' }).content).toContain(`</help:${IDS.help}>`);
  });

  it('reads only a valid file for this application', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ids-'));
    const path = join(dir, 'ids.json');
    const warnings: string[] = [];
    const logger = {
      warn: (_o: object, m: string) => void warnings.push(m),
      info: () => undefined,
    };
    expect(readCommandIds(path, APP, logger)).toBeUndefined();
    expect(writeCommandIds(path, { applicationId: APP, guildId: null, commands: IDS })).toBeUndefined();
    expect(readCommandIds(path, APP, logger)?.get('org')).toBe(IDS.org);
    expect(readCommandIds(path, '333333333333333333', logger)).toBeUndefined();
    writeFileSync(path, '{"applicationId": "x"}');
    expect(readCommandIds(path, APP, logger)).toBeUndefined();
    writeFileSync(path, 'not json');
    expect(readCommandIds(path, APP, logger)).toBeUndefined();
    expect(warnings).toHaveLength(3);
    // A folder that cannot be made (its parent is a file): the reason comes back, nothing is thrown.
    expect(writeCommandIds(join(path, 'sub', 'ids.json'), { applicationId: APP, guildId: null, commands: {} })).toBe(
      'ENOTDIR',
    );
  });
});
