import { mount } from 'svelte'
import App from './App.svelte'
import { createCoreClient } from './lib/core-client/create-core-client.ts'
import { rootContext } from './lib/context.ts'
import './lib/ui/theme.css'

const target = document.getElementById('app')
if (target === null) throw new Error('index.html has no #app element')

mount(App, { target, context: rootContext(createCoreClient()) })
