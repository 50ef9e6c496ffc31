import { SECTIONS } from '../../router.svelte.ts'

type Shortcut = { keys: string; aria: string; description: string }

/** Every keyboard shortcut of the app, shown in the "Keyboard shortcuts" dialog (`?`). */
export const SHORTCUTS: readonly Shortcut[] = [
  ...SECTIONS.map((s) => ({ keys: `Alt+${s.shortcut}`, aria: `Alt+${s.shortcut}`, description: `Go to ${s.label}` })),
  { keys: '/', aria: '/', description: 'Search backups (on the Backups screen)' },
  { keys: 'Alt+S', aria: 'Alt+S', description: 'Sync now' },
  { keys: 'Alt+J', aria: 'Alt+J', description: 'Show or hide the jobs panel' },
  { keys: 'Alt+O', aria: 'Alt+O', description: 'Switch organization' },
  { keys: '?', aria: 'Shift+?', description: 'Show these keyboard shortcuts' },
  { keys: 'Esc', aria: 'Escape', description: 'Close a dialog or menu' }
]

/** True when a key press belongs to a text field, so single-key shortcuts must not fire. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target.matches('input, textarea, select')
}
