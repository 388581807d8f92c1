/**
 * The layers of shared/DESIGN.md hold: the lint refuses an import that points the wrong way, and the
 * console, which needs neither, never loads discord.js, pino or zod (it starts in a fraction of the time).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/kernel/paths.js';

describe('the lint holds the layers', () => {
  const eslint = new ESLint({ cwd: PROJECT_ROOT });
  async function restricted(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(PROJECT_ROOT, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }

  it.each([
    ['the kernel importing data', 'src/kernel/x.ts', "import { loadDataset } from '../data/load.js';"],
    ['search importing data', 'src/search/x.ts', "import type { Dataset } from '../data/load.js';"],
    ['data importing an answer builder', 'src/data/x.ts', "import { orgEmbed } from '../answers/organization.js';"],
    ['an answer builder importing a command', 'src/answers/x.ts', "import { org } from '../../commands/org.js';"],
    ['a command importing another command', 'commands/x.ts', "import { org } from './org.js';"],
    ['a command importing the dispatcher', 'commands/x.ts', "import { runCommand } from '../src/app/dispatch.js';"],
    ['the app importing a door', 'src/app/x.ts', "import { runRepl } from '../doors/console/repl.js';"],
    [
      'the console importing the gateway door',
      'src/doors/console/x.ts',
      "import { createBot } from '../gateway/bot.js';",
    ],
    [
      'the HTTP door importing the gateway door',
      'src/doors/http/x.ts',
      "import { createBot } from '../gateway/bot.js';",
    ],
    ['the console importing pino', 'src/doors/console/x.ts', "import { pino } from 'pino';"],
    ['discord.js outside the gateway door', 'src/doors/http/x.ts', "import { Client } from 'discord.js';"],
    ['discord.js in an answer builder', 'src/answers/x.ts', "import type { Client } from 'discord.js';"],
    ['a command importing the renderer', 'commands/x.ts', "import { renderPicture } from '../src/drawing/render.js';"],
    [
      'an answer builder importing the renderer',
      'src/answers/x.ts',
      "import { drawTimeline } from '../drawing/timeline.js';",
    ],
    ['the canvas outside the renderer', 'src/app/x.ts', "import { createCanvas } from '@napi-rs/canvas';"],
    ['the renderer importing the app', 'src/drawing/x.ts', "import { withPicture } from '../app/pictures.js';"],
  ])('refuses %s', async (_label, file, code) => {
    expect(await restricted(file, `${code}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    [
      'a command using answers and the kernel',
      'commands/x.ts',
      "import { orgCard } from '../src/answers/organization.js';",
    ],
    ['the app using commands', 'src/app/x.ts', "import { org } from '../../commands/org.js';"],
    ['the gateway door using discord.js', 'src/doors/gateway/x.ts', "import { Client } from 'discord.js';"],
    ['a door using its shared plumbing', 'src/doors/http/x.ts', "import { loadDotEnv } from '../shared/dotenv.js';"],
    ['data using search', 'src/data/x.ts', "import { compact } from '../search/normalize.js';"],
    ['a command describing a picture', 'commands/x.ts', "import { timelineAnswer } from '../src/answers/pictures.js';"],
    ['the renderer using the canvas', 'src/drawing/x.ts', "import { createCanvas } from '@napi-rs/canvas';"],
    ['the renderer using the answers', 'src/drawing/x.ts', "import { timelineModel } from '../answers/pictures.js';"],
  ])('allows %s', async (_label, file, code) => {
    expect(await restricted(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});

describe('the console never loads discord.js, pino, zod or the other doors, nor the picture renderer for a text answer', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'console-modules-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  // A module resolve hook that writes every module URL the process resolves to a file.
  writeFileSync(
    join(scratch, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.MODULE_TRACE, result.url + '\\n');
  return result;
}
`,
  );
  writeFileSync(
    join(scratch, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(scratch, 'hooks.mjs')).href)});\n`,
  );

  /** The module URLs an entry point (as bin/run.mjs starts it) resolved while answering. */
  function modulesOf(name: string, args: string[], input: string): string[] {
    const trace = join(scratch, `${name}.trace`);
    // Once untraced: a changed dataset is validated (zod loaded) on the first run only.
    spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/run.mjs'), name, ...args], {
      cwd: scratch,
      input,
      timeout: 60_000,
    });
    writeFileSync(trace, '');
    const r = spawnSync(
      process.execPath,
      ['--import', pathToFileURL(join(scratch, 'register.mjs')).href, join(PROJECT_ROOT, 'bin/run.mjs'), name, ...args],
      { cwd: scratch, input, encoding: 'utf8', env: { PATH: process.env.PATH, MODULE_TRACE: trace }, timeout: 60_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const modules = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
    // The trace really saw the bot's own modules load, so an empty list cannot pass for a clean one.
    expect(modules.some((m) => /\/(answers|commands)\/organization|\/commands\/org\./.test(m))).toBe(true);
    return modules;
  }

  it.each([
    ['npm run ask', 'ask', ['--json', '/org ICLEI'], ''],
    ['npm start with no token (the interactive console)', 'start', [], '/org ICLEI\n'],
  ])('%s', (_label, name, args, input) => {
    const loaded = modulesOf(name, args, input).filter((m) =>
      /\/node_modules\/(discord\.js|@discordjs\/(ws|rest)|pino|@napi-rs\/canvas|zod|rate-limiter-flexible|ioredis)\/|\/drawing\/|\/doors\/(gateway|http)\//.test(
        m,
      ),
    );
    expect(loaded).toEqual([]);
  });

  it('a picture loads the renderer and the canvas, on demand (so the check above can see them)', () => {
    const loaded = modulesOf('ask', ['--json', '--out', join(scratch, 'png'), '/timeline'], '');
    expect(loaded.some((m) => /\/drawing\/render\./.test(m))).toBe(true);
    expect(loaded.some((m) => /\/node_modules\/@napi-rs\/canvas\//.test(m))).toBe(true);
  });
});
