import type { ESLint, Rule } from 'eslint'

export const ALLOWED: Record<string, string[]>
export const layersRule: Rule.RuleModule
declare const plugin: ESLint.Plugin
export default plugin
