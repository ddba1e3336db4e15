import { useEffect, useState } from 'react';
import type { StageName } from '../../core/types.ts';
import { cancelAnalysis } from '../../store/actions.ts';
import { appStore, useApp } from '../../store/store.ts';
import { formatWhole } from '../../ui/format.ts';
import './ProgressScreen.css';

const STAGES: { stage: StageName; label: string }[] = [
  { stage: 'read', label: 'Reading the file' },
  { stage: 'clean', label: 'Cleaning the rows' },
  { stage: 'features', label: 'Building customer profiles' },
  { stage: 'cohort', label: 'Retention by cohort' },
  { stage: 'sweep', label: 'Finding segments' },
];

/** The stage's place in the list; the worker's 'cluster' step is part of finding segments. */
const stageIndex = (stage: StageName | undefined) =>
  stage === undefined
    ? 0
    : STAGES.findIndex((s) => s.stage === (stage === 'cluster' ? 'sweep' : stage));

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.ceil(bytes / 1024)} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * How often the screen is redrawn. Every redraw is a frame for the browser to composite: about
 * 20-30 ms of CPU where it renders in software (no usable GPU, as in a VM or headless Chromium),
 * taken from the worker reading the file on a 2-core machine (a counter changed ten times a
 * second cost 0.9 s of CPU in 3 s; `bench/browser-cpu.mjs`). The worker reports up to ten times
 * a second and the clock ticked four: twice a second still moves.
 */
export const REDRAW_MS = 500;

/** The progress and the time as of the last redraw: read on the screen's own tick, not on every report. */
function useProgressTick() {
  const sample = () => ({ progress: appStore.getState().progress, now: performance.now() });
  const [tick, setTick] = useState(sample);
  useEffect(() => {
    const timer = window.setInterval(() => setTick(sample()), REDRAW_MS);
    return () => window.clearInterval(timer);
  }, []);
  return tick;
}

/** While the file is read and prepared: each stage, the rows so far and a Cancel that stops at once. */
export function ProgressScreen() {
  const { progress, now } = useProgressTick();
  const startedAt = useApp((s) => s.runStartedAt);
  const file = useApp((s) => s.file);
  // Rows read and the seconds it took, kept once reading is over (later stages count other things).
  const [read, setRead] = useState({ rows: 0, seconds: 0 });

  const current = stageIndex(progress?.stage);
  const elapsed = startedAt === null ? 0 : Math.max(0, (now - startedAt) / 1000);
  const readRows =
    progress?.stage === 'read' || (progress?.stage === 'clean' && progress.fraction === 0)
      ? progress.rows
      : null;
  if (readRows !== null && readRows > read.rows) setRead({ rows: readRows, seconds: elapsed });
  const reading = current === 0;
  const seconds = reading ? elapsed : read.seconds;
  const rate = seconds > 0.3 ? Math.round(read.rows / seconds) : null;
  const fraction = progress?.fraction ?? 0;
  // Stages other than reading report no steps in between: show motion rather than a stuck 0%.
  const indeterminate = !reading && fraction === 0;
  const stage = STAGES[current] ?? STAGES[0]!;

  return (
    <section
      className="card progress-card"
      data-testid="progress"
      data-stage={stage.stage}
      aria-labelledby="progress-title"
    >
      <h1 id="progress-title">Analysing your sales</h1>
      {file && (
        <p className="muted progress-file">
          <span className="progress-file-name">{file.name}</span> · {formatBytes(file.size)}
        </p>
      )}

      <ol className="progress-stages">
        {STAGES.map((s, i) => {
          const state = i < current ? 'done' : i === current ? 'current' : 'pending';
          return (
            <li
              key={s.stage}
              className={`progress-stage ${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="progress-dot" aria-hidden="true" />
              <span className="progress-label">{s.label}</span>
              <span className="progress-state">
                {state === 'done'
                  ? 'Done'
                  : state === 'current'
                    ? indeterminate
                      ? 'In progress'
                      : `${Math.round(fraction * 100)}%`
                    : 'Waiting'}
              </span>
            </li>
          );
        })}
      </ol>

      <p className="visually-hidden" aria-live="polite">
        {stage.label}
      </p>
      <div
        className={indeterminate ? 'progress-bar indeterminate' : 'progress-bar'}
        role="progressbar"
        aria-label={stage.label}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(indeterminate ? {} : { 'aria-valuenow': Math.round(fraction * 100) })}
      >
        <span style={indeterminate ? undefined : { width: `${Math.round(fraction * 100)}%` }} />
      </div>

      <dl className="progress-stats">
        <div>
          <dt>Rows read</dt>
          <dd>{formatWhole(read.rows)}</dd>
        </div>
        <div>
          <dt>Rows per second</dt>
          <dd>{rate === null ? '…' : formatWhole(rate)}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>{elapsed.toFixed(1)} s</dd>
        </div>
      </dl>

      <div className="progress-actions">
        <p className="muted">
          Segments are found next; the overview opens as soon as the customers are ready.
        </p>
        <button type="button" className="secondary" data-testid="cancel" onClick={cancelAnalysis}>
          Cancel
        </button>
      </div>
    </section>
  );
}
