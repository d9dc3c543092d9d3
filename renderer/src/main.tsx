/** Renderer entry: the tRPC + TanStack Query providers around the App. */
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useT } from './i18n';
import { applyTheme, storedTheme } from './lib/theme';
import { createAppQueryClient, createAppTrpcClient, TRPCProvider } from './trpc/client';
import './styles.css';

function Root() {
  // Subscribes the whole tree to the language: a switch re-renders every screen (the formatters follow too).
  useT();
  const [queryClient] = useState(createAppQueryClient);
  const [trpcClient] = useState(createAppTrpcClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <App />
      </TRPCProvider>
    </QueryClientProvider>
  );
}

// A file dropped outside the panel's drop zone must not make the window open it.
for (const type of ['dragover', 'drop'] as const) {
  window.addEventListener(type, (e) => {
    if (!e.defaultPrevented) e.preventDefault();
  });
}

applyTheme(storedTheme(), false);

const container = document.getElementById('root');
if (!container) throw new Error('Élément #root absent de index.html');
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
