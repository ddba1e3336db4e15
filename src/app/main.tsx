import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The base stylesheet first, so each screen's own stylesheet can refine it.
import './app.css';
import { restoreLastSession, saveWhenHidden } from '../store/actions.ts';
import { App } from './App.tsx';

// The last analysis kept in this browser, if any, comes back without its file.
void restoreLastSession();
saveWhenHidden();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
