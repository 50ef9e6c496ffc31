import type { BackupPolicy } from '#contract/models/policy'
import type { Template } from '#contract/models/template'
import type { TemplatesState } from '../../lib/state/templates.svelte.ts'
import { modalManager } from '../../lib/ui/modal-manager.svelte.ts'
import TemplateEditorDialog from './TemplateEditorDialog.svelte'

type EditorProps = {
  templates: TemplatesState
  template: Template | null
  initialPolicy?: BackupPolicy | null
  onClose: (result?: Template) => void
}

/** Opens the template editor: `template` null makes a new one from `initialPolicy` (a cluster's policy) or the defaults. */
export function editTemplate(templates: TemplatesState, template: Template | null, initialPolicy: BackupPolicy | null = null): Promise<Template | undefined> {
  return modalManager.open<EditorProps>(TemplateEditorDialog, { templates, template, initialPolicy })
}
