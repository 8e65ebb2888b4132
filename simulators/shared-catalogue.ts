// The demo world's product catalogue. The storefront sells these SKUs and the ERP keeps stock of
// them, as the two real systems would share a product master.
export interface CatalogueItem {
  sku: string;
  title: string;
  cents: number;
}

export const CATALOGUE: readonly CatalogueItem[] = [
  { sku: 'TENT-2P-GRN', title: 'Ridgeline 2P Tent', cents: 24900 },
  { sku: 'BAG-45L-BLK', title: 'Summit 45L Backpack', cents: 13950 },
  { sku: 'SLP-MAT-R4', title: 'Insulated Sleeping Mat', cents: 8990 },
  { sku: 'STOVE-TI-01', title: 'Titanium Camp Stove', cents: 5495 },
  { sku: 'LAMP-HD-400', title: 'Headlamp 400 lm', cents: 3940 },
  { sku: 'BOTTLE-1L-ST', title: 'Steel Bottle 1 L', cents: 2495 },
  { sku: 'SOCK-MER-M', title: 'Merino Hiking Socks (M)', cents: 1895 },
  { sku: 'JKT-RAIN-L', title: 'Stormshell Rain Jacket (L)', cents: 18900 },
];
