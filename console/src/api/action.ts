// One pending call of a form: `busy` while it runs, the error (a problem+json ApiError or a network
// failure) kept for ProblemAlert, cleared when the next attempt starts.
import { ref } from 'vue'

export function useAction() {
  const busy = ref(false)
  const error = ref<unknown>(null)
  async function run(f: () => Promise<void>) {
    busy.value = true
    error.value = null
    try {
      await f()
    } catch (e) {
      error.value = e
    } finally {
      busy.value = false
    }
  }
  return { busy, error, run }
}
