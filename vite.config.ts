import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web UI: src/web, built into dist/web, which `intake start` serves at `/`. No source maps in
 * the build: they would publish the UI's source to anyone (`npx vite` serves them while developing).
 */
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/docs': 'http://127.0.0.1:3000' } },
});
