// Stock on hand for the shared catalogue. Each export drifts a few quantities (goods received,
// stock counts), so a scheduled inventory sync always has something to push.
import { CATALOGUE } from '../shared-catalogue';
import { Rng } from '../shared-runtime';

export interface InventoryExport {
  export_id: string;
  generated_at: string;
  items: { sku: string; on_hand: number }[];
}

export class ErpInventory {
  private rng: Rng;
  private levels = new Map<string, number>();
  private exports = 0;
  private pinned = new Set<string>();

  constructor(private readonly seed: number) {
    this.rng = new Rng(seed);
    this.reset();
  }

  reset(): void {
    this.rng = new Rng(this.seed);
    this.exports = 0;
    this.pinned = new Set();
    this.levels = new Map(CATALOGUE.map((item) => [item.sku, this.rng.int(20, 200)]));
  }

  /** The first export shows the starting levels; later ones move about half the SKUs by ±1-10. */
  export(): InventoryExport {
    if (this.exports > 0) {
      for (const [sku, onHand] of this.levels) {
        if (!this.rng.chance(0.5) || this.pinned.has(sku)) continue;
        const delta = this.rng.int(1, 10) * (this.rng.chance(0.5) ? 1 : -1);
        this.levels.set(sku, Math.max(0, onHand + delta));
      }
    }
    this.exports++;
    return {
      export_id: `INV-${String(this.exports).padStart(6, '0')}`,
      generated_at: new Date().toISOString(),
      items: [...this.levels].map(([sku, on_hand]) => ({ sku, on_hand })),
    };
  }

  /** Admin override: the SKU keeps this quantity (no drift) until reset, so tests can pin it. */
  set(sku: string, onHand: number): void {
    this.levels.set(sku, onHand);
    this.pinned.add(sku);
  }
}
