let systemZone: string | null = null

/**
 * The system's IANA time zone, asked of ICU on first use and remembered. The first Intl call of a process costs
 * tens of milliseconds (ICU loads its data), which a host launch should not pay before it listens
 * (docs/architecture.md, "Listen first, warm later").
 */
export function systemTimeZone(): string {
  systemZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone
  return systemZone
}
