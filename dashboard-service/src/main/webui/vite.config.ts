import { defineConfig } from 'vite';

// Built into the jar's static resources, which Quarkus serves at "/". `npm run dev` proxies the API to a
// dashboard-service on 8080 so the UI can be worked on with hot reload.
export default defineConfig({
  build: {
    outDir: '../../../target/classes/META-INF/resources',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
