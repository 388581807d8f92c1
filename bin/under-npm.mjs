// When npm starts an entry (`npm start`, `npm run serve`…), a stop request to npm must reach the bot. The
// scripts `exec` node, so npm is the direct parent and forwards SIGTERM/SIGINT to it. Two gaps remain:
// - SIGKILL to npm cannot be forwarded: node is re-parented and would keep serving. It polls its parent
//   and, once orphaned, stops itself exactly as a SIGTERM would.
// - A signal sent to the whole process group (Ctrl-C, systemd's control-group stop) reaches node twice:
//   directly, and again when npm forwards its own copy a moment later. An entry that stops on the first
//   (process.once) would be killed mid-drain by the copy, so the copy is dropped.
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';

const FORWARDED = ['SIGINT', 'SIGTERM'];
/** npm forwards at once; a second signal later than this is someone asking again (a second Ctrl-C). */
const COPY_WINDOW_MS = 2000;
const POLL_MS = 1000;

/** Installs both guards when npm ran this process (npm sets npm_lifecycle_event for every script). */
export function underNpm(env = process.env) {
  if (!env.npm_lifecycle_event) return;
  for (const signal of FORWARDED) dropForwardedCopy(signal);
  watchParent();
}

function dropForwardedCopy(signal) {
  // When the entry's own handler took a signal: a copy arriving within the window is still owed.
  let handledAt = -Infinity;
  const guard = () => {
    // Listening at all replaces the default action, so an entry with no handler of its own gets it back.
    if (process.listenerCount(signal) > 1) {
      handledAt = performance.now();
      return;
    }
    if (performance.now() - handledAt <= COPY_WINDOW_MS) {
      handledAt = -Infinity; // only one copy per signal
      return;
    }
    process.off(signal, guard);
    process.kill(process.pid, signal);
  };
  process.on(signal, guard);
}

function watchParent() {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    console.error(
      `bin/run.mjs: parent process ${parent} (npm) exited, leaving this one orphaned; stopping as on SIGTERM`,
    );
    process.kill(process.pid, 'SIGTERM');
  }, POLL_MS);
  // Never what keeps the process alive: an entry that is done exits as it would without the watch.
  timer.unref();
}
