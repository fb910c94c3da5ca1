import { defineConfig } from 'vite';

/** Where `npm run start:dev` runs the service, which Vite's dev server forwards the API to. */
const apiPort = process.env.PORT ?? '3000';

/**
 * The web app (web/) is built into dist/web, which the service serves under /app/. Its dev server
 * forwards every other path (the API, the docs) to the service, so the app calls the API on its
 * own origin there too, as it does when the service serves it.
 */
export default defineConfig({
  root: 'web',
  base: '/app/',
  // React's automatic runtime: no `import React` in every component.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The browsers the federation's staff use; no legacy build.
    target: 'es2022',
    rolldownOptions: {
      // react-router marks its modules "use client" for server components, which a browser bundle has no use for.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    strictPort: true,
    proxy: { '^/(?!app(/|$))': { target: `http://127.0.0.1:${apiPort}` } },
  },
});
