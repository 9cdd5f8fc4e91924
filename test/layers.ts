import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The layers of src, lowest first. A module may import from its own layer and the layers below,
 * never from one above:
 * - core: shared low-level code (dates, decimals, problems, the input contract and the validated
 *   input types), and src/version.ts;
 * - calendar: working time — holidays, hours, shifts, the schedule of who works when;
 * - scheme: the scheme files, their schema, compiled model and descriptions (data every stage reads);
 * - read → import → validate → derive → score: the pipeline, in the order data flows;
 * - messages: the catalogue that words every coded finding of the layers below;
 * - write: outputs, which word results through messages;
 * - commands: one composer per command; cli: flags, help and the exit code.
 */
const LAYERS = ['core', 'calendar', 'scheme', 'read', 'import', 'validate', 'derive', 'score', 'messages', 'write', 'commands', 'cli'] as const;

/**
 * Beyond the order: the engine is pure and independent of how its input was read (HELPERS.md:
 * score may not import validate), so score imports only these layers.
 */
const ONLY_FROM: Partial<Record<Layer, readonly Layer[]>> = { score: ['core', 'calendar', 'scheme'] };

type Layer = (typeof LAYERS)[number];

interface Arrow {
  from: string;
  to: string;
  line: number;
}

/** Every relative import and re-export of the .ts files under `root`/src, as paths relative to root. */
export function importArrows(root: string): Arrow[] {
  const arrows: Arrow[] = [];
  for (const file of tsFiles(join(root, 'src'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const add = (specifier: ts.Expression, at: ts.Node) => {
      if (!ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.')) return;
      const to = resolve(dirname(file), specifier.text).replace(/\.js$/, '.ts');
      arrows.push({ from: relative(root, file), to: relative(root, to), line: source.getLineAndCharacterOfPosition(at.getStart()).line + 1 });
    };
    const visit = (node: ts.Node): void => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) add(node.moduleSpecifier, node);
      // import('../x.js') loaded lazily is an arrow all the same
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) add(node.arguments[0], node);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return arrows;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** src/score/engine.ts → score; src/messages.ts → messages; src/version.ts → core. */
function layerOf(path: string): Layer {
  const [, first = ''] = path.split('/');
  const name = first.replace(/\.ts$/, '');
  if (name === 'version') return 'core';
  if (!(LAYERS as readonly string[]).includes(name)) throw new Error(`${path}: not in any layer; add its folder to LAYERS`);
  return name as Layer;
}

/** Arrows that point up the layers, or out of a layer's ONLY_FROM list, as readable lines. */
export function upwardArrows(arrows: readonly Arrow[]): string[] {
  const found = arrows.flatMap((a) => {
    const [from, to] = [layerOf(a.from), layerOf(a.to)];
    const only = ONLY_FROM[from];
    const up = LAYERS.indexOf(to) > LAYERS.indexOf(from);
    const outside = only !== undefined && from !== to && !only.includes(to);
    return up || outside ? [`${a.from}:${a.line} → ${a.to} (${from} imports ${to})`] : [];
  });
  return found.sort();
}

/** Import cycles among the modules of one folder (e.g. src/commands), each as a path a → b → a. */
export function cyclesWithin(arrows: readonly Arrow[], folder: string): string[] {
  const inside = (p: string) => p.startsWith(`${folder}/`);
  const next = new Map<string, string[]>();
  for (const a of arrows) if (inside(a.from) && inside(a.to)) next.set(a.from, [...(next.get(a.from) ?? []), a.to]);
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const walk = (node: string, path: string[]): void => {
    state.set(node, 'open');
    for (const to of next.get(node) ?? []) {
      const here = [...path, node];
      if (state.get(to) === 'open') cycles.push([...here.slice(here.indexOf(to)), to].join(' → '));
      else if (!state.has(to)) walk(to, here);
    }
    state.set(node, 'done');
  };
  for (const node of [...next.keys()].sort()) if (!state.has(node)) walk(node, []);
  return cycles;
}
