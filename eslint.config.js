// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of shared/DESIGN.md, one folder each; a layer imports only layers before it:
 *   kernel ← search, i18n ← data ← understanding ← answers ← drawing ← commands ← app ← doors (shared ← console | gateway | http) ← main
 * drawing (the picture renderer, with @napi-rs/canvas) is loaded by the app on the first picture, never by a command.
 * Each entry: the files of a layer and the folders they must not import. Specifiers are matched by folder
 * name (every layer's folder name is unique), so the rule holds at any depth of relative path.
 */
const LAYERS = [
  {
    files: ['src/kernel/**'],
    forbid: ['search', 'i18n', 'data', 'understanding', 'answers', 'commands', 'app', 'doors'],
    leaf: true,
  },
  { files: ['src/search/**'], forbid: ['i18n', 'data', 'understanding', 'answers', 'commands', 'app', 'doors'] },
  { files: ['src/i18n/**'], forbid: ['search', 'data', 'understanding', 'answers', 'commands', 'app', 'doors'] },
  { files: ['src/data/**'], forbid: ['i18n', 'understanding', 'answers', 'commands', 'app', 'doors'] },
  // Question understanding: plans are language-free values, so no i18n; it reads data and the name index.
  { files: ['src/understanding/**'], forbid: ['i18n', 'answers', 'commands', 'app', 'doors'] },
  { files: ['src/answers/**'], forbid: ['drawing', 'commands', 'app', 'doors'] },
  { files: ['src/drawing/**'], forbid: ['commands', 'app', 'doors'], canvas: true },
  // No command imports another: what two commands share is an answer builder. Commands describe pictures
  // (src/answers/pictures.ts); only the app draws them, so a command never loads the renderer.
  { files: ['commands/**'], forbid: ['drawing', 'app', 'doors'], siblings: true },
  { files: ['src/app/**'], forbid: ['doors'] },
  { files: ['src/doors/shared/**'], forbid: ['console', 'gateway', 'http'] },
  { files: ['src/doors/console/**'], forbid: ['gateway', 'http'], packages: ['pino'] },
  { files: ['src/doors/gateway/**'], forbid: ['console', 'http'], discord: true },
  { files: ['src/doors/http/**'], forbid: ['console', 'gateway'] },
];

/** discord.js is the gateway door's alone: every other layer stays transport-free (and the console fast). */
const DISCORD = { name: 'discord.js', message: 'discord.js belongs to the gateway door (src/doors/gateway/) only.' };
/** The canvas is the renderer's alone, so that it loads with the first picture and never at start-up. */
const CANVAS = { name: '@napi-rs/canvas', message: '@napi-rs/canvas belongs to the renderer (src/drawing/) only.' };

function layerRule({ forbid, leaf = false, siblings = false, packages = [], discord = false, canvas = false }) {
  const patterns = [
    {
      regex: `(^|/)(${forbid.join('|')})(/|\\.js$)`,
      message: `This layer must not import ${forbid.join(', ')} (see the layers in eslint.config.js and shared/DESIGN.md).`,
    },
  ];
  if (siblings) patterns.push({ regex: '^\\./', message: 'A command must not import another command.' });
  if (leaf)
    patterns.push({ regex: '^\\.\\./', message: 'The kernel is the leaf layer: it imports only its own files.' });
  const paths = [
    ...(discord ? [] : [DISCORD]),
    ...(canvas ? [] : [CANVAS]),
    ...packages.map((name) => ({ name, message: `${name} is not for this layer.` })),
  ];
  return ['error', { patterns, paths }];
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  // Outside the gateway door, and outside tests and tools, discord.js is never imported.
  { files: ['src/**', 'commands/**'], rules: { 'no-restricted-imports': ['error', { paths: [DISCORD, CANVAS] }] } },
  ...LAYERS.map((layer) => ({ files: layer.files, rules: { 'no-restricted-imports': layerRule(layer) } })),
);
