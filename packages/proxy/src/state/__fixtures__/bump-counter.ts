// Run as a child process by buyer-state.test.ts: bumps `counter` N times in <dataDir>.
import { BuyerStateStore } from '../buyer-state.js';

const [dataDir, times] = process.argv.slice(2);
const store = new BuyerStateStore(String(dataDir));
await Promise.all(
  Array.from({ length: Number(times) }, () =>
    store.update((s) => ({ ...s, counter: (typeof s.counter === 'number' ? s.counter : 0) + 1 })),
  ),
);
