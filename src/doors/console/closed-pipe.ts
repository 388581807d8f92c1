/**
 * `npm run -s ask -- /about | head -1`: when the reader closes the pipe early, the console stops quietly
 * (exit 0, nothing on stderr) like any Unix filter, instead of dying on an unhandled EPIPE with a stack
 * trace. Any other stdout error is still an error.
 */
export function endQuietlyWhenStdoutCloses(stdout: NodeJS.WriteStream = process.stdout): void {
  stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
}
