// `npm run bench:data [-- --quick]`: builds the cached benchmark database (no-op when it exists).
import { ensureDataset, FULL_FILLS, QUICK_FILLS } from './dataset.js';

const fills = process.argv.includes('--quick') ? QUICK_FILLS : FULL_FILLS;
console.log(ensureDataset(fills, console.log));
