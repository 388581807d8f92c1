/**
 * What README.md tells a newcomer or an operator stays true: the two commands at the top, the supported Node
 * versions, the console's words and the systemd unit are checked against the code that they describe.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConsoleWord } from '../src/doors/console/parse.js';
import { EXIT_REFUSED, STOP_DEADLINE_MS } from '../src/doors/gateway/bot.js';
import { PROJECT_ROOT } from '../src/kernel/paths.js';
import { RECOMMENDED, SUPPORTED } from './helpers/node-version.js';

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
/** The first fenced block of `lang` after the line that starts with `marker`. */
function blockAfter(marker: string, lang: string): string {
  const at = readme.indexOf(marker);
  expect(at, `README.md has "${marker}"`).toBeGreaterThanOrEqual(0);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(readme.slice(at));
  expect(m, `a \`\`\`${lang} block after "${marker}"`).not.toBeNull();
  return m![1]!;
}

describe('README.md', () => {
  it('opens with the two commands a newcomer needs, before any other section', () => {
    const firstSection = readme.indexOf('\n## ');
    expect(readme.indexOf('**Run it**')).toBeLessThan(firstSection);
    expect(readme.indexOf('**Test it**')).toBeLessThan(firstSection);
    expect(blockAfter('**Run it**', 'sh')).toBe('npm ci && npm start\n');
    // .ci/run reads this very line and runs it.
    expect(blockAfter('**Test it**', 'sh')).toBe('npm ci && npm test\n');
  });

  it('names the supported Node versions bin/node-version.mjs accepts, and recommends the same one', () => {
    const prerequisites = readme.slice(readme.indexOf('**You need**'), readme.indexOf('**Run it**'));
    expect(prerequisites).toContain(`Node.js ${RECOMMENDED} (the Active LTS: recommended`);
    for (const line of SUPPORTED.filter((l) => l.major !== RECOMMENDED)) {
      expect(prerequisites).toContain(`${line.major}.${line.minor}+`);
    }
  });

  it('the console words it names are the console’s own, and BOT_LOCALE=en is how to get English', () => {
    const intro = readme.slice(0, readme.indexOf('**Test it**'));
    for (const word of ['help', 'exit', 'quit', 'clear']) {
      expect(intro).toContain(`\`${word}\``);
      expect(parseConsoleWord(word), word).toBeDefined();
    }
    expect(intro).toContain('`BOT_LOCALE=en npm start`');
    expect(readFileSync(join(PROJECT_ROOT, 'src/main.ts'), 'utf8')).toContain('process.env.BOT_LOCALE');
  });

  describe('the systemd unit', () => {
    const unit = blockAfter('### In production', 'ini');
    const settings = new Map(
      unit
        .split('\n')
        .filter((l) => /^\w+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
    );

    it('starts what `npm start` starts, with the same Node flags, in production mode', () => {
      const start = /^exec node (.+)$/.exec(pkg.scripts.start ?? '');
      expect(start, pkg.scripts.start).not.toBeNull();
      expect(settings.get('ExecStart')).toBe(`/usr/bin/node ${start![1]}`);
      expect(settings.get('Environment')).toBe('NODE_ENV=production');
      expect(settings.get('EnvironmentFile')).toMatch(/^\//);
    });

    it('restarts on failure but not when Discord refused the bot, and stops it with the signal it handles', () => {
      expect(settings.get('Restart')).toBe('on-failure');
      expect(settings.get('RestartPreventExitStatus')).toBe(String(EXIT_REFUSED));
      expect(settings.get('KillSignal')).toBe('SIGTERM');
      expect(readFileSync(join(PROJECT_ROOT, 'src/doors/gateway/start.ts'), 'utf8')).toContain("'SIGTERM'");
      expect(Number(settings.get('TimeoutStopSec'))).toBeGreaterThan(STOP_DEADLINE_MS / 1000);
    });
  });
});
