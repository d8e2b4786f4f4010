import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web UI: src/web, built into dist/web, which `intake start` serves at `/`. */
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/docs': 'http://127.0.0.1:3000' } },
});
