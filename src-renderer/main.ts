import { hydrate, mount } from 'svelte'
import App from './App.svelte'
import { countRequests } from './lib/core-client/answered-requests.ts'
import { rootContext } from './lib/context.ts'
import { SECTION_PAGES } from './sections.ts'
import { startFirstScreen } from './first-screen.ts'
import { keepFirstPaintCookie, takeFirstPaint } from './first-paint/first-paint-in-page.ts'
import { withReadyAnswers } from './lib/core-client/ready-answers.ts'
import { clock } from './lib/ui/clock.svelte.ts'
import './lib/ui/theme.css'

const target = document.getElementById('app')
if (target === null) throw new Error('index.html has no #app element')

// Started by the page's first script as a rule (early-start.ts), which has sent the first screen's read; here too,
// in case it did not run first.
const { client, openedAt, route } = startFirstScreen()

// A window opened on the Timeline asks for its code before the shell mounts, so that the chunk reaches the host
// while the shell mounts and is answered from memory (bench/timeline, docs/architecture.md "Static files from
// memory"). The same import as App's: the module is fetched once. Its failure is App's to show (the screen's
// "Try again"), not an unhandled rejection here.
if (route.section === 'timeline') SECTION_PAGES.timeline().catch(() => undefined)

// A window opened on the Fleet: the shell's own reads wait for the Fleet's first rows (App.svelte), which the Fleet
// reads itself, taking the answer to the read the page's first script sent.
const screenAnswer = route.section === 'fleet' ? client.answerOf('cluster/list-window') : undefined

const counted = countRequests(client)
const props = { allAnswered: () => counted.allAnswered(), openedAt, screenAnswer }
// The host's first paint, when the page came with one: the app takes its markup over with the answers it was drawn
// from, at the instant it was drawn (contract/first-paint.ts); the states read afresh from there, as always.
const firstPaint = takeFirstPaint(document, target)
if (firstPaint === null) mount(App, { target, props, context: rootContext(counted) })
else {
  clock.now = firstPaint.now
  hydrate(App, { target, props, context: rootContext(withReadyAnswers(counted, firstPaint.answers), { listHeight: firstPaint.listHeight }) })
}
// The host's page keeps its drawing inert until now (core/security/first-paint-page.ts): from here the app answers.
target.inert = false
// A reload tells the host whether the window is still on the Fleet's list (contract/first-paint.ts, FIRST_PAINT_COOKIE).
keepFirstPaintCookie(window)
