import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The base stylesheet first, so each screen's own stylesheet can refine it.
import './app.css';
import { App } from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
