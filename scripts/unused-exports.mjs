// `npm run lint` (second half): every export of a file under src/ is imported by another file of src/, or by
// a test or the benchmark that measures it. An export nothing imports is dead code or should not be exported.
// Reads the sources' syntax with the TypeScript compiler
// (no type-check), so it takes a second. Exits 1 and lists them when any is found.
//   node scripts/unused-exports.mjs [--root DIR]
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The bundles' entry points (esbuild.js): what they export is for VS Code, not for an importer. */
const ENTRY_POINTS = { 'src/extension.ts': ['activate', 'deactivate'], 'src/chat/webview/main.ts': ['*'] };

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function hasExportModifier(node) {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function isDefault(node) {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

/** The names a file exports, with their lines. */
function exportsOf(source) {
  const names = new Map();
  const add = (name, node) => names.set(name, source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
  for (const statement of source.statements) {
    if (
      ts.isExportDeclaration(statement) &&
      !statement.moduleSpecifier &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) add(element.name.text, element);
    } else if (ts.isExportAssignment(statement)) {
      add('default', statement);
    } else if (hasExportModifier(statement)) {
      if (isDefault(statement)) add('default', statement);
      else if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name)) add(declaration.name.text, declaration);
        }
      } else if (statement.name && ts.isIdentifier(statement.name)) add(statement.name.text, statement);
    }
  }
  return names;
}

function resolve(fromFile, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** (file → names it is imported for, '*' for all) from one importer. */
function importsOf(file, source, record) {
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const target = resolve(file, node.moduleSpecifier.text);
      if (target) {
        if (ts.isImportDeclaration(node)) {
          const clause = node.importClause;
          if (clause?.name) record(target, 'default');
          const bindings = clause?.namedBindings;
          if (bindings && ts.isNamespaceImport(bindings)) record(target, '*');
          if (bindings && ts.isNamedImports(bindings)) {
            for (const element of bindings.elements) record(target, (element.propertyName ?? element.name).text);
          }
        } else if (!node.exportClause) {
          record(target, '*');
        } else if (ts.isNamedExports(node.exportClause)) {
          for (const element of node.exportClause.elements) record(target, (element.propertyName ?? element.name).text);
        }
      }
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      const target = argument && ts.isStringLiteral(argument) ? resolve(file, argument.text) : undefined;
      if (target) record(target, '*');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      const target = resolve(file, node.argument.literal.text);
      if (target) record(target, node.qualifier && ts.isIdentifier(node.qualifier) ? node.qualifier.text : '*');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

/** Every src export that no file of src/, test/ or bench/ imports. */
export function unusedExports(root) {
  const files = ['src', 'test', 'bench'].flatMap((dir) => walk(path.join(root, dir)));
  const used = new Map(); // file → Map(name → Set of importer kinds)
  const parsed = new Map();
  for (const file of files) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    parsed.set(file, source);
    const kind = path.relative(root, file).split(path.sep)[0];
    importsOf(file, source, (target, name) => {
      if (target === file) return;
      const names = used.get(target) ?? new Map();
      used.set(target, names);
      const kinds = names.get(name) ?? new Set();
      names.set(name, kinds);
      kinds.add(kind);
    });
  }
  const findings = [];
  for (const file of files) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    if (!relative.startsWith('src/')) continue;
    const entry = ENTRY_POINTS[relative] ?? [];
    if (entry.includes('*')) continue;
    const names = used.get(file) ?? new Map();
    const all = names.get('*') ?? new Set();
    for (const [name, line] of exportsOf(parsed.get(file))) {
      if (entry.includes(name)) continue;
      const kinds = new Set([...(names.get(name) ?? []), ...all]);
      if (kinds.size > 0) continue;
      findings.push({ file: relative, line, name });
    }
  }
  return findings;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--root');
  const root = path.resolve(at > 0 ? process.argv[at + 1] : path.join(path.dirname(new URL(import.meta.url).pathname), '..'));
  const findings = unusedExports(root);
  for (const f of findings) console.log(`${f.file}:${f.line}  ${f.name}  (nothing imports it: delete it, or drop \`export\`)`);
  if (findings.length) {
    console.log(`\n${findings.length} unused export${findings.length === 1 ? '' : 's'}.`);
    process.exit(1);
  }
  console.log('unused exports: none');
}
