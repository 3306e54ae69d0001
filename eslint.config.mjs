// Lint rules that hold the architecture in place (see ARCHITECTURE.md "Invariants").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const DB_DRIVERS = ['pg', 'pg-*', 'mysql2', 'mysql2/*', 'mssql', 'tedious', '@electric-sql/pglite', '@electric-sql/pglite/*'];
const LSP_PACKAGES = ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-*', 'vscode-languageclient', 'vscode-languageclient/*', 'vscode-jsonrpc', 'vscode-jsonrpc/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-artifacts/**', '**/*.cjs', '**/*.mjs', '.vscode-test/**', 'test/grammar/fixtures/**', 'scratch/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // The engine is editor-independent: no VS Code, no LSP types.
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['vscode', ...LSP_PACKAGES], message: 'server/src/engine must not depend on VS Code or LSP types.' },
        { group: ['**/lsp/**', '**/client/**'], message: 'the engine does not import the layers above it.' },
        // Bundled apart and required on first use (esbuild-vendor.mjs): a static import would load them at every start.
        { regex: '^(typescript|node-sql-parser(/.*)?|sql-formatter)$', allowTypeImports: true, message: 'load it lazily (embedded/load-typescript.ts, sql/node-sql-parser.ts); see esbuild-vendor.mjs.' },
      ] }],
    },
  },
  {
    // The LSP adapter routes requests to the engine; it never talks SQL to a database itself.
    files: ['server/src/lsp/**/*.ts', 'server/src/protocol.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['vscode', ...DB_DRIVERS], message: 'the LSP adapter must not import vscode or a database driver; go through the engine.' }] }],
    },
  },
  {
    // The bootstrap (dist/server/server.js) runs before the server bundle on every start: Node.js
    // built-ins and the state folder's location only, so that it stays a few KB.
    files: ['server/src/bootstrap/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['vscode', ...LSP_PACKAGES, ...DB_DRIVERS, '**/lsp/**'], message: 'the bootstrap loads the server bundle: import Node.js built-ins (and engine/session/state-dir) only.' },
        { regex: '(^|/)engine/(?!session/state-dir$)', message: 'the bootstrap loads the server bundle: import Node.js built-ins (and engine/session/state-dir) only.' },
      ] }],
    },
  },
  {
    // The client is UI only: database drivers live in the server's engine.
    // Type-only imports of the engine's model are allowed: they vanish from the bundle.
    files: ['client/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: DB_DRIVERS, message: 'the client must not import a database driver.' }, { group: ['**/server/src/engine/**'], allowTypeImports: true, message: 'the client talks to the engine through the language server (server/src/protocol.ts).' }] }],
    },
  },
  {
    // Browser code: nothing from Node, VS Code or the server.
    // The ERD graph model (server/src/engine/erd) is pure and shared with the docs generator by design;
    // the schema model and the run/explain result types are imported for their types only.
    files: ['webview/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { group: ['vscode', 'node:*', ...DB_DRIVERS, ...LSP_PACKAGES, '**/client/**'], message: 'webview code runs in the browser and talks to the client only by messages (webview/src/protocol.ts).' },
        { regex: '(^|/)server/(?!src/engine/erd(/|$)|src/engine/schema/model$|src/engine/execution/types$)', message: 'webview code may use only the pure ERD module and the model and result types of the engine.' },
        { group: ['**/server/src/engine/schema/model', '**/server/src/engine/execution/types'], allowTypeImports: true, message: 'import the engine\'s data types for their types only.' },
      ] }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
