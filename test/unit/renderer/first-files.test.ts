import { describe, expect, test } from 'vitest'
import { screenFiles, screenOf, type FirstFiles } from '../../../src-renderer/first-files.ts'
import { parseRoute, SECTIONS } from '../../../src-renderer/lib/route.ts'

const FILES: FirstFiles = {
  start: './assets/first-screen-a.js',
  screens: { timeline: ['./assets/TimelinePage-b.js', './assets/TimelinePage-c.css'], backups: ['./assets/BackupsPage-d.js'] }
}

describe('the files the page’s first script asks for (first-files.ts)', () => {
  test('names the screen of an address as the router does, for every screen and every way of writing it', () => {
    const hashes = SECTIONS.flatMap((section) => [`#/${section.id}`, `#${section.id}`, `#/${section.id}?view=list&cluster=in01-1`])
    for (const hash of hashes) expect(screenOf(hash), hash).toBe(parseRoute(hash).section)
  })

  test('asks for the code of the screen the window opened on, whatever its parameters', () => {
    expect(screenFiles(FILES, '#/timeline')).toEqual(FILES.screens['timeline'])
    expect(screenFiles(FILES, '#/timeline?view=list')).toEqual(FILES.screens['timeline'])
    expect(screenFiles(FILES, '#/backups?cluster=in01-1&q=a%20b')).toEqual(FILES.screens['backups'])
  })

  test('asks for nothing on the Fleet (in the app’s entry), an unknown screen, or a name every object has', () => {
    for (const hash of ['', '#', '#/', '#/fleet', '#/nowhere', '#/constructor', '#/__proto__', '#/toString']) expect(screenFiles(FILES, hash), hash).toEqual([])
  })
})
