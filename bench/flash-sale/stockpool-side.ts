/** The flash sale's StockPool thread: the rig's common handlers plus the sale's own reads. */
import { serveStockPool, type StockPoolSide } from '../support/channel-rig-thread.ts';
import { readDiagnostics } from './diagnostics.ts';
import { countOrders, readLevel } from './side-queries.ts';

await serveStockPool({
  level: (side: StockPoolSide, sku: string) => readLevel(side, sku),
  orderCounts: (side: StockPoolSide) => countOrders(side),
  diagnostics: (side: StockPoolSide) => readDiagnostics(side),
});
