// Display helpers shared by the pages.
export function when(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

export function day(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleDateString(undefined, { dateStyle: 'medium' })
}

/** "1 license", "3 licenses": a count with its noun. */
export const plural = (n: number, noun: string, many = noun + 's') => `${n} ${n === 1 ? noun : many}`

export const hours = (seconds: number | null | undefined) => Math.round(((seconds ?? 0) / 3600) * 10) / 10

export const statusType = (s: string | null | undefined): 'success' | 'warning' | 'error' | 'info' | 'default' =>
  s === 'ACTIVE' ? 'success' : s === 'SUSPENDED' ? 'warning' : s === 'REVOKED' ? 'error' : s === 'EXPIRED' ? 'error' : s === 'UNUSED' ? 'info' : 'default'

/** The last 30 days as API dates (from inclusive, to inclusive), oldest first. */
export function last30Days(): { from: string; to: string; days: string[] } {
  const days: string[] = []
  const now = new Date()
  for (let i = 29; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - i))
    days.push(d.toISOString().slice(0, 10))
  }
  return { from: days[0], to: days[days.length - 1], days }
}

/** Downloads rows as a CSV file (papaparse writes the CSV; the browser saves the Blob). */
export async function downloadCsv(filename: string, rows: Record<string, unknown>[]) {
  const { unparse } = await import('papaparse')
  const blob = new Blob([unparse(rows)], { type: 'text/csv;charset=utf-8' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
