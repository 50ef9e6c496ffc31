import type { Component } from 'svelte'
import { describe, expect, test } from 'vitest'
import { modalManager, type ModalCode } from '../../../../src-renderer/lib/ui/modal-manager.svelte.ts'
import { toasts } from '../../../../src-renderer/lib/state/toasts.svelte.ts'
import { deferred, settle } from '../../../fakes/fake-core-client.ts'

type AskProps = { question: string; onClose: (result?: boolean) => void }

/** A stand-in for a dialog's compiled component: the manager only keeps it and its props for ModalHost to draw. */
const AskDialog = (() => undefined) as unknown as Component<AskProps>

/** The dialog's code, held back until `arrive` (a fresh page asked for it before the preload fetched it). */
function heldCode(): { code: ModalCode<AskProps>; arrive: () => void } {
  const module = deferred<{ default: Component<AskProps> }>()
  return { code: () => module.promise, arrive: () => module.resolve({ default: AskDialog }) }
}

describe('modalManager.openLoaded', () => {
  test('a dialog asked for before its code is in waits for it, counts as open meanwhile, then opens with its props', async () => {
    const { code, arrive } = heldCode()
    const result = modalManager.openLoaded(code, { question: 'Delete?' })
    await settle()
    expect(modalManager.stack).toEqual([])
    expect(modalManager.isOpen).toBe(true)
    arrive()
    await settle()
    expect(modalManager.stack).toHaveLength(1)
    const [open] = modalManager.stack
    expect(open?.component).toBe(AskDialog)
    expect(open?.props['question']).toBe('Delete?')
    ;(open?.props['onClose'] as (result?: boolean) => void)(true)
    await expect(result).resolves.toBe(true)
    expect(modalManager.isOpen).toBe(false)
  })

  test('a dialog whose code does not arrive opens nothing, says so, and resolves as cancelled', async () => {
    const code: ModalCode<AskProps> = () => Promise.reject(new Error('the host closed the connection'))
    const before = toasts.items.length
    await expect(modalManager.openLoaded(code, { question: 'Delete?' })).resolves.toBeUndefined()
    expect(modalManager.stack).toEqual([])
    expect(modalManager.isOpen).toBe(false)
    expect(toasts.items.slice(before).map((toast) => [toast.kind, toast.title])).toEqual([['error', 'This window could not be opened']])
  })
})
