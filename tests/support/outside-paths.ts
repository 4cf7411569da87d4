/**
 * Finds paths in the repository's own files that lead outside it: a clone
 * has nothing there (the catalog fixtures once lived in ../shared). Used by
 * tests/repo-paths.test.ts.
 *
 * TypeScript and JavaScript are read with the TypeScript parser, and path
 * expressions are evaluated where their base is known:
 *  - `path.join/resolve(base, '..', 'x')`, `new URL('../x', import.meta.url)`
 *    and `${base}/../x`, where the base is `import.meta.dirname`,
 *    `__dirname`, `process.cwd()` (the repository root), or a constant built
 *    from those, in the file or imported from another file (`repoRoot`);
 *  - relative import specifiers, against the file's folder;
 *  - other relative string literals, against the file's folder, and against
 *    the repository root when the target really exists outside it;
 *  - absolute literals under the repository's parent folder (`/work/shared/…`).
 * Other text files (JSON, YAML, HTML, shell) get the last three checks in
 * their simple forms, plus `$(dirname "$0")/..` in shell scripts.
 * A path whose base is not known (a temp dir, a variable) is not judged.
 * A string that only looks like a path (a traversal payload in a security
 * test) is skipped when its line or the one above says
 * `repo-paths: not a path, <reason>`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The marker that exempts a line, with its reason after the comma. */
const ALLOW = /repo-paths: not a path, \S/;

export interface OutsidePath {
  /** Repository-relative, with forward slashes. */
  readonly file: string;
  readonly line: number;
  /** The expression or literal as written. */
  readonly text: string;
  /** Where it leads. */
  readonly resolved: string;
}

export interface PathScanSource {
  /** The repository root (absolute). */
  readonly root: string;
  /** A file's text by repository-relative path, or null when there is none. */
  read(file: string): string | null;
  /** Whether an absolute path exists (the literal check against the root uses it). */
  exists(absolute: string): boolean;
}

const CODE_FILE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const TEXT_FILE = /\.(?:json|ya?ml|html|sh)$/;

/** The files worth scanning: tracked or new (not ignored), code and config, not test data. */
export function repositoryFiles(root: string): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  return [...new Set(listed.split('\0'))].filter(
    (file) =>
      file !== '' &&
      file !== 'package-lock.json' &&
      !file.startsWith('tests/fixtures/') &&
      (CODE_FILE.test(file) || TEXT_FILE.test(file) || file.startsWith('.ci/')) &&
      fs.existsSync(path.join(root, file)),
  );
}

export function diskSource(root: string): PathScanSource {
  return {
    root,
    read: (file) => {
      try {
        return fs.readFileSync(path.join(root, file), 'utf8');
      } catch {
        return null;
      }
    },
    exists: (absolute) => fs.existsSync(absolute),
  };
}

export function findOutsidePaths(source: PathScanSource, files: readonly string[]): OutsidePath[] {
  const scanner = new PathScanner(source);
  return files.flatMap((file) => scanner.scan(file));
}

class PathScanner {
  private readonly modules = new Map<string, ModuleScope | null>();
  /** The repository's parent folder: absolute literals under it point beside the repository. */
  private readonly parent: string | null;

  constructor(private readonly source: PathScanSource) {
    const parent = path.dirname(source.root);
    this.parent = parent === path.parse(parent).root ? null : parent;
  }

  inside(absolute: string): boolean {
    const relative = path.relative(this.source.root, absolute);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  }

  besideRepository(text: string): boolean {
    return this.parent !== null && text.startsWith(this.parent + '/') && !this.inside(text);
  }

  existsOutside(absolute: string): boolean {
    return !this.inside(absolute) && this.source.exists(absolute);
  }

  scan(file: string): OutsidePath[] {
    const text = this.source.read(file);
    if (text === null) return [];
    if (CODE_FILE.test(file)) return this.module(file)?.findings() ?? [];
    return this.scanText(file, text);
  }

  module(file: string): ModuleScope | null {
    if (!this.modules.has(file)) {
      const text = this.source.read(file);
      this.modules.set(file, text === null ? null : new ModuleScope(this, file, text, this.source.root));
    }
    return this.modules.get(file) ?? null;
  }

  /** The repository-relative file a relative import specifier names ('./x.js' → 'x.ts'), or null. */
  moduleFile(fromFile: string, specifier: string): string | null {
    const base = path.posix.join(path.posix.dirname(fromFile), specifier);
    const stem = base.replace(/\.[cm]?js$/, '');
    for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}/index.ts`]) {
      if (this.source.read(candidate) !== null) return candidate;
    }
    return null;
  }

  private scanText(file: string, text: string): OutsidePath[] {
    const dir = path.join(this.source.root, path.dirname(file));
    const found: OutsidePath[] = [];
    const lines = text.split('\n');
    const shell = file.endsWith('.sh') || file.startsWith('.ci/');
    // Shell variables that hold the script's own folder (here=$(cd "$(dirname "$0")" && pwd)).
    const scriptDirVars = new Set<string>();
    lines.forEach((line, index) => {
      const add = (written: string, resolved: string) => found.push({ file, line: index + 1, text: written, resolved });
      for (const m of line.matchAll(/[^\s'"`(),;=[\]]+/g)) {
        const token = m[0];
        if (this.besideRepository(token)) add(token, token);
        else if (!shell && token.startsWith('../') && !this.inside(path.resolve(dir, token))) add(token, path.resolve(dir, token));
      }
      if (!shell) return;
      const assigned = /^\s*(\w+)=["']?\$\((?:cd\s+)?"?\$\(dirname\s+"?\$0"?\)"?(?:\s*&&\s*pwd)?\)["']?\s*$/.exec(line);
      if (assigned?.[1]) scriptDirVars.add(assigned[1]);
      for (const m of line.matchAll(/(\$\(dirname\s+"?\$0"?\)|\$\{?(\w+)\}?)"?((?:\/[\w.-]+)+)/g)) {
        if (m[2] !== undefined && !scriptDirVars.has(m[2])) continue;
        const resolved = path.resolve(dir, `.${m[3]}`);
        if (!this.inside(resolved)) add(m[0], resolved);
      }
    });
    return found;
  }
}

/** One TypeScript/JavaScript file: its constants, its imports, and the paths it builds. */
class ModuleScope {
  private readonly sourceFile: ts.SourceFile;
  private readonly dir: string;
  private readonly filePath: string;
  /** Local constants: name → initializers (a name declared twice is not judged). */
  private readonly constants = new Map<string, ts.Expression[]>();
  /** Imported names: local name → [module file or bare specifier, exported name]. */
  private readonly imports = new Map<string, [string, string]>();
  private readonly evaluating = new Set<ts.Node>();

  constructor(
    private readonly scanner: PathScanner,
    private readonly file: string,
    text: string,
    private readonly root: string,
  ) {
    const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    this.sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
    this.filePath = path.join(root, file);
    this.dir = path.dirname(this.filePath);
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        this.constants.set(node.name.text, [...(this.constants.get(node.name.text) ?? []), node.initializer]);
      }
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.importClause?.namedBindings) {
        const specifier = node.moduleSpecifier.text;
        const from = specifier.startsWith('.') ? (scanner.moduleFile(file, specifier) ?? specifier) : specifier;
        const bindings = node.importClause.namedBindings;
        if (ts.isNamedImports(bindings)) {
          for (const element of bindings.elements) this.imports.set(element.name.text, [from, (element.propertyName ?? element.name).text]);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sourceFile);
  }

  /** The absolute path an exported constant holds, if it can be told. */
  exported(name: string): string | undefined {
    const declarations = this.constants.get(name);
    return declarations?.length === 1 ? this.value(declarations[0]!) : undefined;
  }

  findings(): OutsidePath[] {
    const found: OutsidePath[] = [];
    const lines = this.sourceFile.text.split('\n');
    const report = (node: ts.Node, resolved: string) => {
      const { line } = this.sourceFile.getLineAndCharacterOfPosition(node.getStart(this.sourceFile));
      // A string that only looks like a path (an attack payload in a security test) is
      // marked on its line or the line above: `repo-paths: not a path, <reason>`.
      if (ALLOW.test(lines[line] ?? '') || ALLOW.test(lines[line - 1] ?? '')) return;
      found.push({ file: this.file, line: line + 1, text: node.getText(this.sourceFile), resolved });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTemplateExpression(node)) {
        const step = this.pathStep(node);
        if (step && step.base !== undefined && step.result !== undefined && this.scanner.inside(step.base) && !this.scanner.inside(step.result)) {
          report(node, step.result);
        }
      }
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        const resolved = this.literalOutside(node);
        if (resolved) report(node, resolved);
      }
      ts.forEachChild(node, visit);
    };
    visit(this.sourceFile);
    return found;
  }

  /** Where a string literal leads when it leads outside (null otherwise, or when a path call judges it). */
  private literalOutside(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral): string | null {
    const text = node.text;
    if (this.scanner.besideRepository(text)) return text;
    if (!(text === '..' || text.startsWith('../') || text.startsWith('./'))) return null;
    const parent = node.parent;
    // Arguments of join/resolve and new URL depend on their base: pathStep judges them.
    if (ts.isCallExpression(parent) && this.pathCall(parent) !== null) return null;
    if (ts.isNewExpression(parent) && this.pathStep(parent) !== null) return null;
    const fromFile = path.resolve(this.dir, text);
    if (!this.scanner.inside(fromFile)) return fromFile;
    const isSpecifier =
      ts.isImportDeclaration(parent) ||
      ts.isExportDeclaration(parent) ||
      ts.isExternalModuleReference(parent) ||
      ts.isLiteralTypeNode(parent) ||
      (ts.isCallExpression(parent) && (parent.expression.kind === ts.SyntaxKind.ImportKeyword || parent.expression.getText(this.sourceFile) === 'require'));
    // Read from the working directory (the root): judged only when it names a file or folder that really is outside.
    if (isSpecifier || !text.split('/').some((segment) => !['', '.', '..'].includes(segment))) return null;
    const fromRoot = path.resolve(this.root, text);
    return this.scanner.existsOutside(fromRoot) ? fromRoot : null;
  }

  /** 'join' or 'resolve' when the call is path.join/path.resolve (or the imported functions). */
  private pathCall(node: ts.CallExpression): 'join' | 'resolve' | null {
    const callee = node.expression;
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && ['path', 'posix'].includes(callee.expression.text)) {
      return callee.name.text === 'join' || callee.name.text === 'resolve' ? callee.name.text : null;
    }
    if (ts.isIdentifier(callee) && (callee.text === 'join' || callee.text === 'resolve')) {
      const from = this.imports.get(callee.text)?.[0];
      return from === 'node:path' || from === 'path' ? callee.text : null;
    }
    return null;
  }

  /** A path-building expression's base (the absolute path it starts from) and result. */
  private pathStep(node: ts.Expression): { base: string | undefined; result: string | undefined } | null {
    if (ts.isCallExpression(node)) {
      const kind = this.pathCall(node);
      if (!kind || node.arguments.length === 0) return null;
      let base: string | undefined;
      let current: string | undefined;
      node.arguments.forEach((arg, i) => {
        const literal = ts.isStringLiteralLike(arg) ? arg.text : undefined;
        const absolute = literal === undefined ? this.value(arg) : path.isAbsolute(literal) ? literal : undefined;
        if (i === 0) {
          // A relative first argument is relative to the working directory: the root.
          current = absolute ?? (literal === undefined ? undefined : path.resolve(this.root, literal));
          base = absolute ?? (literal === undefined ? undefined : this.root);
        } else if (current !== undefined) {
          if (absolute !== undefined && kind === 'resolve') current = base = absolute;
          else current = path.join(current, literal ?? (absolute === undefined ? 'x' : absolute));
        }
      });
      return { base, result: current };
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL' && node.arguments?.length === 2) {
      const [relative, against] = node.arguments;
      if (!relative || !ts.isStringLiteralLike(relative) || against?.getText(this.sourceFile) !== 'import.meta.url') return null;
      return { base: this.dir, result: path.resolve(this.dir, relative.text) };
    }
    if (ts.isTemplateExpression(node) && node.head.text === '') {
      const [first, ...rest] = node.templateSpans;
      const base = first ? this.value(first.expression) : undefined;
      if (!first || base === undefined) return null;
      const tail = first.literal.text + rest.map((span) => `x${span.literal.text}`).join('');
      return { base, result: path.join(base, tail) };
    }
    return null;
  }

  /** The absolute path an expression holds, when it can be told. */
  value(node: ts.Expression): string | undefined {
    if (this.evaluating.has(node)) return undefined;
    this.evaluating.add(node);
    try {
      return this.evaluate(node);
    } finally {
      this.evaluating.delete(node);
    }
  }

  private evaluate(node: ts.Expression): string | undefined {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) return this.value(node.expression);
    const written = node.getText(this.sourceFile);
    if (written === 'import.meta.dirname' || written === '__dirname') return this.dir;
    if (written === 'import.meta.filename' || written === '__filename' || written === 'import.meta.url') return this.filePath;
    if (written === 'process.cwd()') return this.root;
    if (ts.isStringLiteralLike(node)) return path.isAbsolute(node.text) ? node.text : undefined;
    if (ts.isIdentifier(node)) {
      const local = this.constants.get(node.text);
      if (local) return local.length === 1 ? this.value(local[0]!) : undefined;
      const imported = this.imports.get(node.text);
      return imported ? this.scanner.module(imported[0])?.exported(imported[1]) : undefined;
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(this.sourceFile);
      const [arg] = node.arguments;
      if ((callee === 'path.dirname' || callee === 'dirname') && arg) {
        const inner = this.value(arg);
        return inner === undefined ? undefined : path.dirname(inner);
      }
      if (callee === 'fileURLToPath' && arg) return this.value(arg);
    }
    return this.pathStep(node)?.result;
  }
}
