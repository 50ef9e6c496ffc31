import type { AppInfo } from '#contract/commands/app'
import type { SerializedError } from '#contract/errors'
import type { CoreClient } from '../core-client/core-client.ts'

/** What is running: shown in the shell's footer and in Settings. */
export class AppInfoState {
  info = $state<AppInfo | null>(null)
  error = $state<SerializedError | null>(null)

  constructor(private readonly core: CoreClient) {}

  async load(): Promise<void> {
    const result = await this.core.invoke('app/info', {})
    if (result.ok) {
      this.info = result.value
      this.error = null
    } else {
      this.error = result.error
    }
  }
}
