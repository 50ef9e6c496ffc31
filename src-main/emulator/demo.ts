/** The demo organization's connection name (embedded-demo.ts starts its emulator for both app hosts). */
export const DEMO_CONNECTION_NAME = 'Demo organization (emulator)'
