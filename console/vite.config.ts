import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// `npm run dev` serves the console on :5173 and sends the API to a running gateway
// (GATEWAY_URL, default the local stack's http://127.0.0.1:8080), so the browser sees one origin
// and the refresh cookie (Path=/api/v1/auth/refresh) works as it does behind the gateway.
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: gateway, changeOrigin: false },
      '/health': { target: gateway, changeOrigin: false },
    },
  },
  build: {
    // No inline scripts anywhere (the gateway's Content-Security-Policy has script-src 'self').
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 900,
  },
})
