import type { Layer } from './import-graph.mjs';
export const LAYERS: Layer[];
export const ALLOWED_PAIRS: string[][];
export function layerOf(folder: string): number;
export function foldersAbove(folder: string): string[];
