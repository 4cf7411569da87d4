// @ts-check
/**
 * The project's own lint rules (eslint.config.js turns them on).
 *
 * `lss/no-folder-cycles`: the feature folders of a source root (src/main,
 * src/renderer) may not import each other in a circle, directly
 * (live → rundown → live) or through others. Each import that closes a
 * circle is reported with the way back, so the fix is to move what both
 * need to where the arrows point one way (a shared folder, or the folder
 * that wires both).
 */
import path from 'node:path';
import { folderGraph, folderOf, pathBetween } from './folder-graph.js';

/** @type {Map<string, ReturnType<typeof folderGraph>>} */
const graphs = new Map();

/** @param {string} root */
function graphOf(root) {
  let graph = graphs.get(root);
  if (!graph) {
    graph = folderGraph(root);
    graphs.set(root, graph);
  }
  return graph;
}

/** @type {import('eslint').Rule.RuleModule} */
const noFolderCycles = {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycles between the feature folders of src/main and of src/renderer.' },
    schema: [{ type: 'object', properties: { roots: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
    messages: {
      cycle:
        'Folder cycle: {{from}} imports {{to}}, and {{to}} leads back to {{from}} ({{route}}; e.g. {{example}}). Move what both need so the imports point one way.',
    },
  },
  create(context) {
    const roots = (context.options[0]?.roots ?? []).map((r) => path.resolve(context.cwd, r));
    const file = context.filename;
    // A test may reach across folders (the graph leaves tests out too).
    if (/\.test\.tsx?$/.test(file)) return {};
    const root = roots.find((r) => folderOf(r, file) !== null);
    if (!root) return {};
    const from = folderOf(root, file);
    if (!from) return {};
    /** @param {import('estree').Node & { source?: import('estree').Node | null }} node */
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const to = folderOf(root, path.resolve(path.dirname(file), source.value));
      if (!to || to === from) return;
      const graph = graphOf(root);
      const back = pathBetween(graph, to, from);
      if (!back) return;
      const first = graph.get(back[0])?.get(back[1]);
      context.report({
        node,
        messageId: 'cycle',
        data: { from, to, route: [from, ...back].join(' → '), example: first ? `${first.from} imports ${first.to}` : '' },
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { meta: { name: 'lss' }, rules: { 'no-folder-cycles': noFolderCycles } };
