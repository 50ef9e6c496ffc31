/* The policy's words live in the contract so the CLI shows the same text (src-main/contract/policy-text.ts). */
export * from '#contract/policy-text'
