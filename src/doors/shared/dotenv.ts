/**
 * The one `.env` loader every entry point calls before it reads its settings (npm start, npm run ask,
 * npm run serve, npm run deploy-commands). ENV_FILE names another file. Variables already set in the
 * environment win (Node's loader never overrides them), so `DISCORD_TOKEN=… npm start` still works.
 * process.loadEnvFile exists from Node 20.12, the floor package.json's engines states.
 */
import { existsSync } from 'node:fs';

/** Loads the file into process.env when it exists; returns whether it did. */
export function loadDotEnv(file: string = process.env.ENV_FILE ?? '.env'): boolean {
  if (!existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}
