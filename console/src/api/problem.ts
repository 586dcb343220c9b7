// RFC 9457 problem details as every service answers them (common/.../problem/), plus the
// field errors of a 400. ApiError carries one so pages can show title, detail, code and fields.
export interface FieldError {
  field?: string
  message?: string
}
export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
  code?: string
  errors?: FieldError[]
  [extra: string]: unknown
}

export class ApiError extends Error {
  readonly problem: Problem
  readonly status: number
  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`)
    this.status = status
    this.problem = problem
  }
  get code(): string | undefined {
    return this.problem.code
  }
}

/** The problem of any thrown value: an ApiError's own, a network failure's made-up one. */
export function problemOf(e: unknown): Problem {
  if (e instanceof ApiError) return e.problem
  if (e instanceof TypeError) return { title: 'Network error', detail: 'The server could not be reached. Check your connection and try again.' }
  if (e instanceof Error) return { title: 'Error', detail: e.message }
  return { title: 'Error', detail: String(e) }
}

/** The message of a field error for a form item, if the problem names that field. */
export function fieldMessage(e: unknown, field: string): string | undefined {
  const errors = problemOf(e).errors ?? []
  return errors.find((f) => f.field === field || f.field?.endsWith('.' + field))?.message
}

/** A problem+json (or any) body of a failed response turned into a Problem. */
export async function readProblem(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '')
  try {
    const body = JSON.parse(text)
    if (body && typeof body === 'object') return { status: res.status, ...body }
  } catch {
    /* not JSON: fall through */
  }
  return { status: res.status, title: res.statusText || `HTTP ${res.status}`, detail: text.slice(0, 300) || undefined }
}
