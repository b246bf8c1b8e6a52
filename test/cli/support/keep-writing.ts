/**
 * A second process that keeps changing stock until SIGTERM, for backup tests: receipts, holds
 * and their release or shipment, through the InventoryService. Prints `writes=<n>` every 100 ms.
 * Usage: node --import tsx test/cli/support/keep-writing.ts <database-url>
 */
import { openStockPool } from '../../../src/main.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: keep-writing.ts <database-url>');
const pool = await openStockPool({ databaseUrl: url, migrate: false, poolSize: 2 });
const actor = { tenantId: 'default', name: 'test:keep-writing' };
let writes = 0;
let stopping = false;
process.on('SIGTERM', () => (stopping = true));
const report = setInterval(() => process.stdout.write(`writes=${writes}\n`), 100);

async function must(what: string, outcome: Promise<{ ok: boolean }>): Promise<void> {
  const result = await outcome;
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result)}`);
  writes++;
}

for (let n = 1; !stopping; n++) {
  const key = `writer-${process.pid}-${n}`;
  await must(
    'receipt',
    pool.inventory.receive(actor, {
      idempotencyKey: `${key}-in`,
      warehouse: 'GZ',
      lines: [{ sku: 'CB-USBC-1M', quantity: 2 }],
    }),
  );
  const hold = await pool.inventory.placeHold(actor, {
    idempotencyKey: `${key}-hold`,
    sku: 'CB-USBC-1M',
    warehouse: 'GZ',
    quantity: 1,
    orderRef: `O-${n}`,
  });
  if (!hold.ok) throw new Error(`hold failed: ${JSON.stringify(hold.error)}`);
  writes++;
  await must(
    'transition',
    pool.inventory.transitionHold(actor, hold.value.id, n % 2 === 0 ? 'ship' : 'release'),
  );
}
clearInterval(report);
await pool.close();
process.stdout.write(`done writes=${writes}\n`);
