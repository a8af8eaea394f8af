import { defineConfig } from 'vite';

// Relative asset URLs: the app serves the build at /api/dashboard/ (and any path base in front of it).
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
});
