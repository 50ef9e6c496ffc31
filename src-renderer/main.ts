import { mount } from 'svelte'
import App from './App.svelte'
import { countRequests } from './lib/core-client/answered-requests.ts'
import { createCoreClient } from './lib/core-client/create-core-client.ts'
import { rootContext } from './lib/context.ts'
import { Router } from './lib/router.svelte.ts'
import { SECTION_PAGES } from './sections.ts'
import './lib/ui/theme.css'

const target = document.getElementById('app')
if (target === null) throw new Error('index.html has no #app element')

// A window opened on the Timeline asks for its code before the shell mounts, so that the chunk reaches the host
// ahead of the lanes' read (App.svelte) and is answered from memory while the lanes are computed (bench/timeline,
// docs/architecture.md "Static files from memory"). The same import as App's: the module is fetched once. Its
// failure is App's to show (the screen's "Try again"), not an unhandled rejection here.
if (new Router(window).section === 'timeline') SECTION_PAGES.timeline().catch(() => undefined)

const client = countRequests(createCoreClient())
mount(App, { target, props: { allAnswered: () => client.allAnswered() }, context: rootContext(client) })
