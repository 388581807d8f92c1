/**
 * `npm start`: the Discord gateway bot when DISCORD_TOKEN is set; otherwise the interactive offline
 * console, which answers with the same handlers and needs no Discord account. The gateway module
 * (and discord.js with it) is loaded only when it is used, so the console starts fast.
 */
import { createServices } from './app/services.js';
import { runRepl } from './doors/console/repl.js';
import { loadDotEnv } from './doors/shared/dotenv.js';
import { runEntry } from './doors/shared/startup.js';

async function main(): Promise<number> {
  // .env first: it may hold DISCORD_TOKEN, which decides between the bot and the console. Variables
  // already set in the environment win.
  loadDotEnv();
  if (process.env.DISCORD_TOKEN) {
    const { runGateway } = await import('./doors/gateway/start.js');
    return runGateway(process.env);
  }
  const services = await createServices();
  await runRepl(services, process.env.BOT_LOCALE);
  return 0;
}

runEntry(main);
