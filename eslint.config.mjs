import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import layers from './scripts/eslint-layers.mjs'
import zodFree from './scripts/eslint-zod-free.mjs'

/** Packages imported in exactly one place, behind a port (docs/architecture.md#layers). */
const confinedModules = [
  { name: 'electron', only: ['src-main/electron/**', 'test/**'], why: 'electron is imported only by src-main/electron.' },
  { name: 'node-schedule', only: ['src-main/core/schedule/node-schedule-scheduler.ts', 'test/**', 'bench/**'], why: 'node-schedule sits behind the Scheduler port.' },
  { name: 'keytar', only: ['src-main/core/secrets/keytar-secret-store.ts', 'test/**'], why: 'keytar sits behind the SecretStore port.' },
  { name: 'better-sqlite3', only: ['src-main/core/store/**', 'test/**', 'bench/**', 'scripts/**'], why: 'SQL lives in the store.' }
]

const openExternalSelector = {
  selector: "MemberExpression[object.name='shell'][property.name='openExternal']",
  message: 'Use safeOpenExternal (src-main/electron/open-external.ts).'
}
const ipcSelector = {
  selector: "CallExpression[callee.object.name='ipcMain'][callee.property.name=/^(handle|handleOnce|on|once)$/]",
  message: 'IPC handlers are registered only by src-main/electron/ipc.ts (docs/reliability.md#r7).'
}
const insecureSelectors = [
  { selector: "Property[key.name=/^(nodeIntegration|nodeIntegrationInWorker|nodeIntegrationInSubFrames|allowRunningInsecureContent|experimentalFeatures)$/][value.value=true]", message: 'Insecure webPreferences are banned (docs/reliability.md#r1).' },
  { selector: "Property[key.name=/^(contextIsolation|sandbox|webSecurity)$/][value.value=false]", message: 'Insecure webPreferences are banned (docs/reliability.md#r1).' },
  { selector: "Property[key.name='bypassCSP']", message: 'Custom protocols never bypass the CSP (docs/reliability.md#r2).' },
  { selector: "Property[key.name='enableBlinkFeatures']", message: 'No Blink feature overrides (docs/reliability.md#r1).' }
]

const confinedConfigs = confinedModules.map(({ name, only, why }) => ({
  files: ['**/*.ts', '**/*.svelte'],
  ignores: only,
  rules: {
    'no-restricted-imports': ['error', { paths: [{ name, message: why }] }]
  }
}))

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte']
      }
    },
    plugins: { local: layers, bundle: zodFree },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'local/layers': 'error',
      'bundle/zod-free': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Flags every local URLSearchParams/Map, even ones never held in state; reactive state lives in *.svelte.ts classes.
      'svelte/prefer-svelte-reactivity': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'svelte/no-at-html-tags': 'error',
      'svelte/button-has-type': 'error',
      'svelte/no-target-blank': 'error',
      'no-restricted-syntax': ['error', openExternalSelector, ipcSelector, ...insecureSelectors]
    }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, svelteConfig: { compilerOptions: { runes: true } } }
    }
  },
  {
    // Components declare `interface Props` (Svelte's convention for `$props()`); everything else uses `type`.
    files: ['**/*.svelte'],
    rules: { '@typescript-eslint/consistent-type-definitions': 'off' }
  },
  ...confinedConfigs,
  {
    files: ['src-main/electron/ipc.ts'],
    rules: { 'no-restricted-syntax': ['error', openExternalSelector, ...insecureSelectors] }
  },
  {
    files: ['src-main/electron/open-external.ts'],
    rules: { 'no-restricted-syntax': ['error', ipcSelector, ...insecureSelectors] }
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off'
    }
  }
)
