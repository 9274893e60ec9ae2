// The layer table of the feature-first layout (docs/ARCHITECTURE.md), and the lint rule generated from it.
// One table says what each layer and each area may import; the rule `phi/layers` checks every import, export
// and require of every file under src/ against it, so no later config block can silently override an earlier
// one (VS Code's code-layering table is the model). Changing what may import what means changing this table.
import path from 'node:path';
import { builtinModules } from 'node:module';

/** Layer folder → the layer folders its files may import from. */
export const LAYERS = {
  common: ['common'],
  node: ['common', 'node'],
  vscode: ['common', 'node', 'vscode'],
  webview: ['common', 'webview'],
};

/** Packages that only some places may import at runtime; `vscode` as a type (`import type`) is free outside webview/. */
export const PACKAGES = {
  vscode: {
    layers: ['vscode'],
    typesElsewhere: true,
    why: "Only vscode/ layer folders and src/extension.ts import 'vscode' at runtime (use `import type`).",
  },
  ollama: { areas: ['platform/ollama'], layers: ['node'], why: "Only src/platform/ollama/node imports the 'ollama' package." },
  openai: { areas: ['platform/openai'], layers: ['node'], why: "Only src/platform/openai/node imports the 'openai' package." },
};

/** Node built-ins: never in pure or browser code. */
export const BUILTINS_BANNED_IN = ['common', 'webview'];

/** The model servers' own folders: features and the rest of the platform reach them through platform/backend. */
export const BACKEND_AREAS = ['platform/ollama', 'platform/openai'];

/** The one place that picks a backend from the settings and builds its client. */
export const BACKEND_FACTORY = 'platform/connection/vscode/backendClient.ts';

/** Features (src/<name>/) and the other features each may use; the platform imports no feature. */
export const FEATURES = {
  chat: ['edit'],
  completion: [],
  edit: [],
  languageModel: [],
  scm: [],
  welcome: [],
};

const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Where a file under src/ sits: its area (`chat`, `platform/ollama`…) and layer, or the entry point. */
export function placeOf(relative) {
  if (relative === 'extension.ts') return { area: 'extension', layer: 'vscode' };
  const parts = relative.split('/');
  const areaLength = parts[0] === 'platform' ? 2 : 1;
  const area = parts.slice(0, areaLength).join('/');
  const layer = parts[areaLength];
  return LAYERS[layer] ? { area, layer } : undefined;
}

/** Why `from` (a place) may not import the src file `to` (a place, relative path), or undefined when it may. */
export function refusal(from, fromPath, to) {
  if (!to) return undefined;
  if (from.area !== 'extension') {
    if (!LAYERS[from.layer].includes(to.layer)) {
      return `A ${from.layer}/ file does not import from a ${to.layer}/ folder (may: ${LAYERS[from.layer].join(', ')}).`;
    }
  } else if (to.layer === 'webview') {
    return 'src/extension.ts does not import browser code.';
  }
  const fromPlatform = from.area.startsWith('platform/');
  if (to.area in FEATURES && from.area !== to.area && from.area !== 'extension') {
    if (fromPlatform) return 'The platform imports no feature: pass what it needs in from the feature.';
    if (!FEATURES[from.area]?.includes(to.area))
      return `The ${from.area} feature does not use the ${to.area} feature (see FEATURES in scripts/layers.mjs).`;
  }
  if (BACKEND_AREAS.includes(to.area) && from.area !== to.area && fromPath !== BACKEND_FACTORY) {
    return `Only ${to.area} and the backend factory (src/${BACKEND_FACTORY}) import ${to.area}: use the neutral types and the ModelBackend interface in src/platform/backend.`;
  }
  return undefined;
}

/** Why a file at `from` may not import the package `name` at runtime (or at all), or undefined. */
export function packageRefusal(from, name, typeOnly) {
  const base = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0];
  if (BUILTINS.has(name) || BUILTINS.has(base)) {
    return BUILTINS_BANNED_IN.includes(from.layer) ? `A ${from.layer}/ file is pure or browser code: no Node built-ins.` : undefined;
  }
  const rule = PACKAGES[base];
  if (!rule) return undefined;
  if (typeOnly && rule.typesElsewhere && from.layer !== 'webview') return undefined;
  const areaOk = !rule.areas || rule.areas.includes(from.area);
  return areaOk && rule.layers.includes(from.layer) ? undefined : rule.why;
}

function srcRelative(filename) {
  const file = filename.replace(/\\/g, '/');
  const index = file.lastIndexOf('/src/');
  return index < 0 ? undefined : file.slice(index + 5);
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  return node.type === 'ImportDeclaration' && node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type');
}

/** The ESLint rule: every file under src/ is in a layer folder, and every import obeys the table. */
export const layersRule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const relative = srcRelative(context.filename);
    if (relative === undefined) return {};
    const from = placeOf(relative);
    const check = (node, source, typeOnly) => {
      if (!from || typeof source !== 'string') return;
      let message;
      if (source.startsWith('.')) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(relative), source));
        if (target.startsWith('..')) message = 'Source files import only from src/.';
        else
          message = refusal(
            from,
            relative,
            placeOf(target.endsWith('.ts') ? target : `${target}.ts`) ?? { area: target, layer: from.layer },
          );
      } else {
        message = packageRefusal(from, source, typeOnly);
      }
      if (message) context.report({ node, message });
    };
    return {
      Program(node) {
        if (!from)
          context.report({ node, message: `src/${relative} is outside a layer folder: put it in <area>/common, node, vscode or webview.` });
      },
      ImportDeclaration: (node) => check(node, node.source.value, isTypeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, isTypeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source.value, isTypeOnly(node)),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
      CallExpression(node) {
        const [first] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && first?.type === 'Literal')
          check(node, first.value, false);
      },
    };
  },
};
