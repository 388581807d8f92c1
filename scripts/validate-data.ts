/** `npm run validate-data`: load and check the dataset alone; exit 1 naming every problem. */
import { DataError, loadDataset } from '../src/data/load.js';

try {
  // Always the full check: this is the command that proves the data valid.
  const data = await loadDataset(process.argv[2], { cache: false });
  const rows = data.organizations.reduce((n, o) => n + o.tableRows.length, 0);
  console.log(
    `data OK: ${data.organizations.length} organizations (${rows} table rows), ${data.places.length} places, ` +
      `${data.alliances.length} domestic alliances, ${data.article.sections.length} article sections`,
  );
} catch (err) {
  if (err instanceof DataError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
