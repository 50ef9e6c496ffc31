#!/usr/bin/env node
// The `backup-desk` command (package.json "bin"). It loads the TypeScript entry through tsx's loader.
import { tsImport } from 'tsx/esm/api'

await tsImport('../src-main/cli/main.ts', import.meta.url)
