export interface Layer {
  name: string;
  folders: string[];
}
export function importSpecifiers(source: string): string[];
export function nodeOf(libPath: string): string;
export function folderGraph(files: Record<string, string>): Map<string, string[]>;
export function cycles(edges: Map<string, string[]>): string[][];
export function checkLayers(
  edges: Map<string, string[]>,
  layers?: readonly Layer[],
  allowed?: readonly (readonly string[])[],
): string[];
