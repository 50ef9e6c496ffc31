import { mount } from 'svelte'
import App from './App.svelte'
import { countRequests } from './lib/core-client/answered-requests.ts'
import { rootContext } from './lib/context.ts'
import { SECTION_PAGES } from './sections.ts'
import { startFirstScreen } from './first-screen.ts'
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
mount(App, { target, props: { allAnswered: () => counted.allAnswered(), openedAt, screenAnswer }, context: rootContext(counted) })
