import type { ESLint, Rule } from 'eslint'

export const zodFreeRule: Rule.RuleModule
declare const plugin: ESLint.Plugin
export default plugin
