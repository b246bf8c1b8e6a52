/**
 * The demo catalogue `stockpool start` loads into a brand-new database when the sandbox setting
 * is on (STOCKPOOL_SANDBOX, default on): three warehouses (domestic, overseas, platform-run),
 * twenty cross-border SKUs and a bundle, opening stock by stock-take, a purchase receipt and a
 * few open orders, with figures chosen so the stock board shows zero, low and normal stock.
 * Every write goes through the services with a fixed key, so seeding twice changes nothing.
 */
import type { CatalogService } from '../src/catalog/catalog-service.ts';
import type { Outcome } from '../src/domain/outcome.ts';
import type { InventoryService } from '../src/inventory/inventory-service.ts';
import type { WarehouseKind } from '../src/store/warehouses-repo.ts';

export interface DemoServices {
  catalog: CatalogService;
  inventory: InventoryService;
}

export interface DemoSummary {
  warehouses: number;
  skus: number;
  bundles: number;
  holds: number;
}

const WAREHOUSES: { code: string; name: string; kind: WarehouseKind; country: string }[] = [
  { code: 'SZ', name: 'Shenzhen main warehouse 深圳主仓', kind: 'domestic', country: 'CN' },
  {
    code: 'US-LA',
    name: 'Los Angeles overseas warehouse 洛杉矶海外仓',
    kind: 'overseas',
    country: 'US',
  },
  { code: 'FBT-UK', name: 'TikTok Shop FBT UK 平台仓', kind: 'platform_fulfilled', country: 'GB' },
];

/** code, name, unit cost in USD cents, own low-stock threshold (null: the tenant's 15). */
const SKUS: [string, string, number, number | null][] = [
  ['PC-IP15-BLK', 'iPhone 15 silicone case, black 硅胶手机壳 黑色', 180, 30],
  ['PC-IP15-CLR', 'iPhone 15 clear case 透明手机壳', 120, 30],
  ['PC-S24-BLK', 'Galaxy S24 case, black 三星 S24 手机壳', 170, null],
  ['SP-IP15-2PK', 'iPhone 15 tempered glass, 2-pack 钢化膜两片装', 90, 30],
  ['CB-USBC-1M', 'USB-C braided cable 1 m 编织数据线', 110, null],
  ['CB-USBC-2M', 'USB-C braided cable 2 m 编织数据线', 140, null],
  ['CH-GAN-65W', '65 W GaN fast charger 氮化镓快充', 920, 20],
  ['CH-GAN-20W', '20 W USB-C charger 快充头', 380, null],
  ['EB-TWS-WHT', 'Wireless earbuds, white 无线耳机 白色', 1150, null],
  ['EB-TWS-BLK', 'Wireless earbuds, black 无线耳机 黑色', 1150, null],
  ['LD-STRIP-5M', 'RGB LED strip 5 m with remote 灯带', 450, null],
  ['RL-RING-10', '10-inch ring light with tripod 补光灯', 1300, null],
  ['PH-MAG-CAR', 'Magnetic car phone holder 车载磁吸支架', 260, null],
  ['WB-SPORT-42', 'Sport watch band 42 mm 运动表带', 150, null],
  ['YG-MAT-6MM', 'Yoga mat 6 mm, non-slip 瑜伽垫', 890, null],
  ['BT-INS-750', 'Insulated water bottle 750 ml 保温杯', 520, null],
  ['HC-CLAW-4PK', 'Hair claw clips, 4-pack 抓夹四件套', 160, null],
  ['KT-SPAT-3PC', 'Silicone spatula set, 3 pieces 硅胶铲三件套', 310, null],
  ['PB-10K-SLIM', 'Slim power bank 10,000 mAh 充电宝', 980, null],
  ['MS-WL-SLIM', 'Slim wireless mouse 无线鼠标', 420, null],
];

const BUNDLE = {
  code: 'KIT-IP15-START',
  name: 'iPhone 15 starter kit: case + glass + cable 新机套装',
  components: [
    { sku: 'PC-IP15-BLK', quantity: 1 },
    { sku: 'SP-IP15-2PK', quantity: 1 },
    { sku: 'CB-USBC-1M', quantity: 1 },
  ],
};

/** Counted stock per warehouse. Zero and below-threshold figures are on purpose. */
const COUNTS: Record<string, [string, number][]> = {
  SZ: [
    ['PC-IP15-BLK', 420],
    ['PC-IP15-CLR', 260],
    ['PC-S24-BLK', 12],
    ['SP-IP15-2PK', 600],
    ['CB-USBC-1M', 350],
    ['CB-USBC-2M', 180],
    ['CH-GAN-65W', 8],
    ['CH-GAN-20W', 240],
    ['EB-TWS-WHT', 0],
    ['EB-TWS-BLK', 95],
    ['LD-STRIP-5M', 130],
    ['RL-RING-10', 0],
    ['PH-MAG-CAR', 75],
    ['WB-SPORT-42', 210],
    ['YG-MAT-6MM', 44],
    ['BT-INS-750', 9],
    ['HC-CLAW-4PK', 500],
    ['KT-SPAT-3PC', 66],
    ['PB-10K-SLIM', 140],
    ['MS-WL-SLIM', 3],
  ],
  'US-LA': [
    ['PC-IP15-BLK', 85],
    ['PC-IP15-CLR', 40],
    ['SP-IP15-2PK', 120],
    ['CB-USBC-1M', 14],
    ['CH-GAN-65W', 22],
    ['EB-TWS-BLK', 0],
    ['YG-MAT-6MM', 30],
    ['PB-10K-SLIM', 5],
  ],
  'FBT-UK': [
    ['PC-IP15-BLK', 60],
    ['SP-IP15-2PK', 6],
    ['CB-USBC-1M', 48],
    ['HC-CLAW-4PK', 0],
    ['WB-SPORT-42', 25],
  ],
};

const HOLDS = [
  {
    key: 'demo:hold:TT-5801',
    sku: 'PC-IP15-BLK',
    warehouse: 'SZ',
    quantity: 3,
    orderRef: 'TT-5801',
    paid: true,
  },
  {
    key: 'demo:hold:SHP-2207',
    sku: 'KIT-IP15-START',
    warehouse: 'US-LA',
    quantity: 2,
    orderRef: 'SHP-2207',
    paid: true,
  },
  {
    key: 'demo:hold:AMZ-9033',
    sku: 'CH-GAN-65W',
    warehouse: 'US-LA',
    quantity: 4,
    orderRef: 'AMZ-9033',
    paid: false,
  },
  {
    key: 'demo:hold:TT-5815',
    sku: 'CB-USBC-1M',
    warehouse: 'FBT-UK',
    quantity: 2,
    orderRef: 'TT-5815',
    paid: false,
  },
];

const ACTOR_NAME = 'sandbox:demo-data';

function must<T>(what: string, outcome: Outcome<T>, tolerated: string[] = []): void {
  if (!outcome.ok && !tolerated.includes(outcome.error.code))
    throw new Error(
      `demo data: ${what} failed: ${outcome.error.code} ${JSON.stringify(outcome.error.details)}`,
    );
}

export async function seedDemoData(services: DemoServices, tenantId: string): Promise<DemoSummary> {
  const { catalog, inventory } = services;
  const actor = { tenantId, name: ACTOR_NAME };
  for (const w of WAREHOUSES)
    must(`warehouse ${w.code}`, await catalog.createWarehouse(tenantId, w), ['WAREHOUSE_EXISTS']);
  for (const [code, name, unitCostMinor, lowStockThreshold] of SKUS)
    must(
      `SKU ${code}`,
      await catalog.createSku(tenantId, {
        code,
        name,
        unitCostMinor,
        currency: 'USD',
        lowStockThreshold,
      }),
      ['SKU_EXISTS'],
    );
  must(`bundle ${BUNDLE.code}`, await catalog.createSku(tenantId, BUNDLE), ['SKU_EXISTS']);
  for (const [warehouse, lines] of Object.entries(COUNTS))
    must(
      `opening count in ${warehouse}`,
      await inventory.stocktake(actor, {
        idempotencyKey: `demo:count:${warehouse}`,
        warehouse,
        reference: 'opening stock',
        lines: lines.map(([sku, counted]) => ({ sku, counted })),
      }),
    );
  must(
    'purchase receipt',
    await inventory.receive(actor, {
      idempotencyKey: 'demo:po:PO-2026-031',
      warehouse: 'SZ',
      reference: 'PO-2026-031',
      lines: [
        { sku: 'EB-TWS-BLK', quantity: 60 },
        { sku: 'KT-SPAT-3PC', quantity: 40 },
      ],
    }),
  );
  for (const h of HOLDS)
    must(
      `hold for ${h.orderRef}`,
      await inventory.placeHold(actor, {
        idempotencyKey: h.key,
        sku: h.sku,
        warehouse: h.warehouse,
        quantity: h.quantity,
        orderRef: h.orderRef,
        paid: h.paid,
      }),
    );
  return { warehouses: WAREHOUSES.length, skus: SKUS.length, bundles: 1, holds: HOLDS.length };
}
