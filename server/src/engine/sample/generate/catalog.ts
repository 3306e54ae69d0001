// sales.categories (a three-level tree), sales.products, sales.warehouses and sales.inventory.
import type { Random } from '../random';
import type { Product, SampleWorld, Warehouse } from '../records';
import { money, type SqlValue } from '../sql-values';
import { DATA_AS_OF, DAY, date, timestamp, toMinute } from '../time';

interface Leaf {
  name: string;
  sku: string;
  /** List price range in whole dollars, from the first product to the last. */
  price: readonly [number, number];
  physical: boolean;
  /** Cheapest first: prices rise along the list. */
  products: readonly string[];
}
interface Branch { name: string; children: readonly (Branch | Leaf)[] }

const TREE: readonly Branch[] = [
  { name: 'Hardware', children: [
    { name: 'Networking', children: [
      { name: 'Switches', sku: 'NET-SW', price: [180, 4200], physical: true, products: ['8-port Desktop Switch', '16-port Managed Switch', '24-port PoE+ Switch', '48-port PoE+ Switch', '24-port 10G Fiber Switch', '48-port Core Switch'] },
      { name: 'Routers', sku: 'NET-RT', price: [250, 6500], physical: true, products: ['LTE Failover Router', 'Branch Router', 'Dual-WAN Router', 'Edge Router Pro', 'Core Router 100G'] },
      { name: 'Wireless Access Points', sku: 'NET-AP', price: [140, 1100], physical: true, products: ['Wall-plate AP', 'Indoor AP Wi-Fi 6', 'Indoor AP Wi-Fi 6E', 'Outdoor AP Wi-Fi 6', 'Ceiling AP Wi-Fi 7'] },
      { name: 'Firewalls', sku: 'NET-FW', price: [400, 9000], physical: true, products: ['Virtual Firewall Appliance', 'Firewall 100', 'Firewall 400', 'Firewall 1200'] },
    ] },
    { name: 'Compute', children: [
      { name: 'Servers', sku: 'CMP-SV', price: [2200, 18000], physical: true, products: ['Tower Server', '1U Rack Server', '2U Rack Server', '2U GPU Server'] },
      { name: 'Edge Devices', sku: 'CMP-ED', price: [300, 2500], physical: true, products: ['Mini Edge Node', 'Edge Gateway', 'Industrial Edge PC'] },
    ] },
    { name: 'Storage', children: [
      { name: 'NAS Appliances', sku: 'STO-NS', price: [600, 7000], physical: true, products: ['4-bay NAS', '8-bay NAS', '12-bay Rack NAS'] },
      { name: 'Drives', sku: 'STO-DR', price: [80, 900], physical: true, products: ['1 TB NVMe SSD', '16 TB Enterprise HDD', '20 TB Enterprise HDD', '4 TB NVMe SSD', '8 TB SATA SSD'] },
    ] },
  ] },
  { name: 'Accessories', children: [
    { name: 'Cables', sku: 'ACC-CB', price: [6, 120], physical: true, products: ['Cat6 Patch Cable 1 m', 'Cat6 Patch Cable 3 m', 'Power Cord C13', 'Cat6A Patch Cable 5 m', 'LC-LC Fiber Cable 10 m', 'SFP+ DAC Cable 2 m'] },
    { name: 'Racks & Enclosures', sku: 'ACC-RK', price: [150, 2400], physical: true, products: ['Blanking Panel Kit', 'Cable Management Arm', '12U Wall Rack', '42U Server Rack'] },
    { name: 'Power', sku: 'ACC-PW', price: [90, 3800], physical: true, products: ['PoE Injector', 'Metered PDU', '1500 VA UPS', 'Switched PDU', '3000 VA Rack UPS'] },
  ] },
  { name: 'Services', children: [
    { name: 'Installation', sku: 'SRV-IN', price: [250, 5000], physical: false, products: ['Remote Configuration', 'Site Survey', 'On-site Installation (per day)', 'Rack and Stack Service'] },
    { name: 'Training', sku: 'SRV-TR', price: [300, 2500], physical: false, products: ['Security Essentials Course', 'Network Admin Course', 'Custom Workshop (per day)'] },
    { name: 'Extended Warranty', sku: 'SRV-WA', price: [60, 1500], physical: false, products: ['Next-Business-Day Replacement (1 year)', 'Warranty Extension (3 years)', '4-Hour Replacement (1 year)'] },
  ] },
];

function isLeaf(node: Branch | Leaf): node is Leaf {
  return 'sku' in node;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * The i-th of n products of a leaf sits at its place between min and max (give or take 10 %), so
 * a 48-port switch costs more than an 8-port one. Prices end in 9 (hardware) or 0 (services).
 */
function listPriceCents(rng: Random, [min, max]: readonly [number, number], i: number, n: number, physical: boolean): number {
  const base = min + ((max - min) * i) / Math.max(1, n - 1);
  const dollars = Math.max(1, Math.round(base * (0.9 + rng.next() * 0.2)));
  if (dollars < 20) return dollars * 100 + 99;
  return physical ? (Math.floor(dollars / 10) * 10 + 9) * 100 : Math.floor(dollars / 50) * 50 * 100;
}

function generateCategoriesAndProducts(rng: Random, world: SampleWorld): void {
  const categoryRows: SqlValue[][] = [];
  const productRows: SqlValue[][] = [];
  let skuNumber = 1000;
  const visit = (node: Branch | Leaf, parentId: number | null): void => {
    const categoryId = categoryRows.length + 1;
    categoryRows.push([categoryId, parentId, node.name, slug(node.name)]);
    if (!isLeaf(node)) {
      for (const child of node.children) visit(child, categoryId);
      return;
    }
    for (const [i, name] of node.products.entries()) {
      const priceCents = listPriceCents(rng, node.price, i, node.products.length, node.physical);
      const costShare = node.physical ? rng.int(45, 72) : rng.int(25, 50);
      // Most products were on sale before the data starts; some launch during it.
      const launchedAt = rng.chance(0.7) ? Date.UTC(2020 + rng.int(0, 2), rng.int(0, 11), rng.int(1, 28)) : Date.UTC(2023, 0, 1) + rng.int(0, 820) * DAY;
      const active = launchedAt > Date.UTC(2022, 0, 1) || rng.chance(0.85);
      const p: Product = { id: world.products.length + 1, categoryId, priceCents, physical: node.physical, active, launchedAt };
      world.products.push(p);
      skuNumber += rng.int(1, 40);
      productRows.push([p.id, `${node.sku}-${skuNumber}`, `Acme ${name}`, categoryId, money(priceCents), money(Math.max(1, Math.round(priceCents * costShare / 100))), node.physical, active, date(launchedAt)]);
    }
  };
  for (const root of TREE) visit(root, null);
  world.tables.push({ table: 'sales.categories', columns: ['category_id', 'parent_id', 'name', 'slug'], rows: categoryRows });
  world.tables.push({ table: 'sales.products', columns: ['product_id', 'sku', 'name', 'category_id', 'list_price', 'unit_cost', 'is_physical', 'is_active', 'launched_on'], rows: productRows });
}

const WAREHOUSES: readonly (readonly [string, string, string, Warehouse['region']])[] = [
  ['RNO1', 'Reno', 'US', 'NA'],
  ['MEM1', 'Memphis', 'US', 'NA'],
  ['RTM1', 'Rotterdam', 'NL', 'EU'],
  ['SYD1', 'Sydney', 'AU', 'APAC'],
];

function generateWarehousesAndInventory(rng: Random, world: SampleWorld): void {
  world.tables.push({
    table: 'sales.warehouses', columns: ['warehouse_id', 'code', 'city', 'country_code'],
    rows: WAREHOUSES.map(([code, city, country, region], i) => {
      world.warehouses.push({ id: i + 1, code, region });
      return [i + 1, code, city, country];
    }),
  });
  const rows = [];
  for (const w of world.warehouses) {
    for (const p of world.products) {
      // The two US sites stock everything physical; the smaller ones a selection.
      if (!p.physical || (w.region !== 'NA' && !rng.chance(0.6))) continue;
      const reorderLevel = 5 * rng.int(1, p.priceCents < 20000 ? 20 : 4);
      // About one stock position in eight has run below its reorder level.
      const onHand = rng.chance(0.12) ? rng.int(0, reorderLevel - 1) : reorderLevel + rng.skewed(0, 400, 2);
      const countedAt = toMinute(DATA_AS_OF - rng.next() * 30 * DAY);
      // Discontinued products are sold out and never reordered.
      rows.push([w.id, p.id, p.active ? onHand : 0, p.active ? reorderLevel : 0, timestamp(countedAt)]);
    }
  }
  world.tables.push({ table: 'sales.inventory', columns: ['warehouse_id', 'product_id', 'quantity_on_hand', 'reorder_level', 'counted_at'], rows });
}

export function generateCatalog(rng: Random, world: SampleWorld): void {
  generateCategoriesAndProducts(rng, world);
  generateWarehousesAndInventory(rng, world);
}
