// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SERVICE = 'server/src/service';

/**
 * The service's layers, lowest first: a module imports from its own layer and lower ones
 * only (see server/src/service/index.ts). Imports inside the service are relative, so a
 * layer is recognised by its folder's (or module's) name in the import path.
 */
const LAYERS = [
  { name: 'text', files: [`${SERVICE}/text/**`], modules: ['text'] },
  { name: 'catalogue', files: [`${SERVICE}/catalogue/**`, `${SERVICE}/settings.ts`, `${SERVICE}/constantsFile.ts`], modules: ['catalogue', 'settings', 'constantsFile'] },
  { name: 'syntax', files: [`${SERVICE}/syntax/**`], modules: ['syntax'] },
  { name: 'analysis', files: [`${SERVICE}/analysis/**`], modules: ['analysis'] },
  { name: 'workspace', files: [`${SERVICE}/workspace/**`], modules: ['workspace'] },
  { name: 'features', files: [`${SERVICE}/features/**`], modules: ['features'] },
  { name: 'facade', files: [`${SERVICE}/languageService.ts`, `${SERVICE}/index.ts`], modules: ['languageService', 'index'] },
];

/** Pure: no editor, no connection, no file system; only the LSP types and text documents. */
const SERVICE_PURITY = [
  {
    regex: '^(?!\\.|vscode-languageserver-types$|vscode-languageserver-textdocument$)',
    message: 'The service is pure: it imports only vscode-languageserver-types and vscode-languageserver-textdocument (no vscode, no connection, no node modules).',
  },
  { regex: '(^|/)(cli|files|client|bench)(/|$)', message: 'The service never imports the CLI, the file walker, the client or the bench.' },
];

const layerRules = LAYERS.map((layer, rank) => {
  const higher = LAYERS.slice(rank + 1).flatMap((other) => other.modules);
  return {
    files: layer.files,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          ...SERVICE_PURITY,
          ...(higher.length === 0 ? [] : [{
            regex: `^\\.\\.?/(\\.\\./)*(${higher.join('|')})(/|$)`,
            message: `The ${layer.name} layer imports only lower layers (text → catalogue → syntax → analysis → workspace → features → facade).`,
          }]),
        ],
      }],
    },
  };
});

/** Outside the service, only its public entry: `service/index.ts` (imported as `service`). */
const SERVICE_INTERNALS = { regex: '(^|/)service/(?!index$)', message: 'Import the service through server/src/service (its index.ts), not its internal modules.' };

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', '.cache/', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...layerRules,
  {
    files: ['server/src/*.ts', 'server/src/cli/**', 'server/src/files/**', 'bench/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [SERVICE_INTERNALS] }] },
  },
  {
    files: ['client/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          regex: '(^|/)server/src/(?!service$|service/index$|serverStart$)',
          message: 'The client imports from the server only the service (server/src/service, its index.ts) and how to start it (serverStart).',
        }],
      }],
    },
  },
  {
    // The protocol names the catalogue's and the settings' types, and nothing that runs.
    files: ['shared/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { regex: '(^|/)service/(catalogue/types|settings|features/coverage)$', allowTypeImports: true, message: 'shared/ imports only types from the service.' },
          { regex: '(^|/)service(/(?!catalogue/types$|settings$|features/coverage$).*)?$', message: 'shared/ imports only the types of the catalogue, the settings and the coverage report.' },
        ],
      }],
    },
  },
);
