// The real mail the platform sent, read from the local SMTP sink's Maildir (deploy/local/infra.sh
// starts it; MAIL_DIR moves it). Mails are 7-bit text parts, so a plain read is enough.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const MAILDIR = process.env.MAIL_DIR ?? '/var/tmp/licensing-mail'

/** The path and query of the console link in the newest mail to `to` with this subject (waits up to 30 s). */
export async function linkIn(to: string, subject: string, path: string): Promise<string> {
  const deadline = Date.now() + 30_000
  const pattern = new RegExp(`https?://[^/\\s]+(${path}\\?token=[A-Za-z0-9_-]+)`)
  while (Date.now() < deadline) {
    for (const box of ['new', 'cur']) {
      let names: string[] = []
      try {
        names = readdirSync(join(MAILDIR, box))
      } catch {
        continue
      }
      for (const name of names.sort().reverse()) {
        const text = readFileSync(join(MAILDIR, box, name), 'utf8')
        if (!new RegExp(`^To: ${to}$`, 'mi').test(text) || !text.includes(`Subject: ${subject}`)) continue
        const m = text.match(pattern)
        if (m) return m[1]
      }
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  throw new Error(`no mail "${subject}" with a ${path} link to ${to} within 30 s`)
}
