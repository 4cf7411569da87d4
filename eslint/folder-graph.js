// @ts-check
/**
 * The import graph between the folders of a source root (src/main,
 * src/renderer): which feature folder imports which. Read with a scanner of
 * import specifiers (relative ones only; packages are not folders of ours).
 */
import fs from 'node:fs';
import path from 'node:path';

const SPECIFIER = /\b(?:import|export)\s*(?:type\s+)?(?:[^'"`;]*?\bfrom\s*)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const SOURCE = /\.(ts|tsx)$/;

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  /** @type {string[]} */
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (SOURCE.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** The folder of a file under `root`: its first segment ('' for files directly in the root). */
export function folderOf(root, file) {
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const parts = relative.split(path.sep);
  return parts.length > 1 ? parts[0] : '';
}

/** Relative specifiers of a file's imports and re-exports. @param {string} text */
export function relativeSpecifiers(text) {
  const found = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const spec = match[1] ?? match[2];
    if (spec && spec.startsWith('.')) found.push(spec);
  }
  return found;
}

/**
 * Edges between folders, each with one example (file → file) to name in a
 * message. Test files do not count: a test may reach across folders.
 * @param {string} root
 */
export function folderGraph(root) {
  /** @type {Map<string, Map<string, {from: string, to: string}>>} */
  const edges = new Map();
  for (const file of sourceFiles(root)) {
    const from = folderOf(root, file);
    if (from === null || from === '') continue;
    for (const spec of relativeSpecifiers(fs.readFileSync(file, 'utf8'))) {
      const target = path.resolve(path.dirname(file), spec);
      const to = folderOf(root, target);
      if (to === null || to === '' || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      const out = /** @type {Map<string, {from: string, to: string}>} */ (edges.get(from));
      if (!out.has(to)) out.set(to, { from: path.relative(root, file), to: path.relative(root, target) });
    }
  }
  return edges;
}

/**
 * A path of folders from `start` back to `goal`, or null (breadth first, so the shortest).
 * @param {Map<string, Map<string, unknown>>} edges @param {string} start @param {string} goal
 */
export function pathBetween(edges, start, goal) {
  /** @type {Map<string, string | null>} */
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const at = /** @type {string} */ (queue.shift());
    if (at === goal) {
      const route = [];
      for (let step = /** @type {string | null} */ (at); step !== null; step = previous.get(step) ?? null) route.unshift(step);
      return route;
    }
    for (const next of edges.get(at)?.keys() ?? []) {
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  return null;
}
