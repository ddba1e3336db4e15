import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { PreparedView, SegmentView, WhatIfResult } from '../../core/results.ts';
import { Plot } from '../../charts/Plot.tsx';
import { segmentColour } from '../../charts/palette.ts';
import {
  medianOf,
  radarLayout,
  radarTraces,
  sortedCopy,
  whatIfRadarTrace,
  whatIfScores,
} from '../../charts/segment-charts.ts';
import { runWhatIf } from '../../store/actions.ts';
import { useApp } from '../../store/store.ts';
import { DistanceList } from '../customers/DistanceList.tsx';
import { FEATURE_LABELS, formatFeature } from '../../ui/format.ts';
import { useNarrow } from '../../ui/useNarrow.ts';
import './WhatIfScreen.css';

type Rfm = { Recency: number; Frequency: number; Monetary: number };

const FIELDS = [
  { key: 'Recency', label: 'Recency (days since the last purchase)', step: 1, min: 0 },
  { key: 'Frequency', label: 'Frequency (orders)', step: 1, min: 1 },
  { key: 'Monetary', label: 'Monetary (total revenue)', step: 0.01, min: 0 },
] as const;

const roundedMedian = (m: Rfm): Rfm => ({ ...m, Monetary: Math.round(m.Monetary * 100) / 100 });

function askedValues(result: WhatIfResult): Rfm {
  const value = (f: keyof Rfm) => result.values[result.features.indexOf(f)] ?? 0;
  return { Recency: value('Recency'), Frequency: value('Frequency'), Monetary: value('Monetary') };
}

export function WhatIfScreen() {
  const prepared = useApp((s) => s.prepared);
  const segmentation = useApp((s) => s.segmentation);
  if (!prepared || !segmentation) return <p className="busy">Finding segments…</p>;
  return <WhatIf features={prepared.customers.features} segmentation={segmentation} />;
}

function WhatIf({
  features,
  segmentation,
}: {
  features: PreparedView['customers']['features'];
  segmentation: SegmentView;
}) {
  const result = useApp((s) => s.whatIf);
  const scalerFeatures = useApp((s) => s.clustering?.scaler.features);
  const narrow = useNarrow();

  const sorted = useMemo(
    () => ({
      Recency: sortedCopy(features.Recency),
      Frequency: sortedCopy(features.Frequency),
      Monetary: sortedCopy(features.Monetary),
    }),
    [features],
  );
  const median = useMemo(
    (): Rfm => ({
      Recency: medianOf(sorted.Recency),
      Frequency: medianOf(sorted.Frequency),
      Monetary: medianOf(sorted.Monetary),
    }),
    [sorted],
  );
  // Back on this screen with an answer already given: show the values it was for.
  const [asked, setAsked] = useState<Rfm>(() =>
    result ? askedValues(result) : roundedMedian(median),
  );
  const [draft, setDraft] = useState<Record<keyof Rfm, string>>(() => ({
    Recency: String(asked.Recency),
    Frequency: String(asked.Frequency),
    Monetary: String(asked.Monetary),
  }));

  // A new k drops the previous answer: ask again for the last values, so the screen always answers.
  useEffect(() => {
    if (result === null) void runWhatIf(asked);
  }, [result, asked]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      Recency: Number(draft.Recency),
      Frequency: Number(draft.Frequency),
      Monetary: Number(draft.Monetary),
    };
    if (Object.values(input).some((x) => !Number.isFinite(x))) return;
    setAsked(input);
    void runWhatIf(input);
  };

  const scores = useMemo(() => whatIfScores(sorted, asked), [sorted, asked]);
  const radar = useMemo(
    () => [...radarTraces(segmentation.segments), whatIfRadarTrace(scores)],
    [segmentation.segments, scores],
  );
  const layout = useMemo(() => radarLayout(narrow ? 360 : 420), [narrow]);
  const extra = (scalerFeatures ?? []).filter(
    (f) => f !== 'Recency' && f !== 'Frequency' && f !== 'Monetary',
  );

  return (
    <div className="whatif-screen">
      <header className="screen-heading">
        <h2>What if</h2>
        <p className="muted">
          Describe a customer and see which segment they would be in. The form starts at your median
          customer.
        </p>
      </header>
      <div className="whatif-grid">
        <form className="card whatif-form" data-testid="whatif-form" onSubmit={submit}>
          <h3>A customer with…</h3>
          {FIELDS.map((field) => (
            <label key={field.key} className="whatif-field">
              <span>{field.label}</span>
              <input
                type="number"
                name={field.key}
                inputMode="decimal"
                required
                min={field.min}
                step={field.step}
                value={draft[field.key]}
                onChange={(e) => setDraft((d) => ({ ...d, [field.key]: e.target.value }))}
              />
              <span className="muted small">
                Median customer: {formatFeature(field.key, median[field.key])}
              </span>
            </label>
          ))}
          {extra.length > 0 && (
            <p className="muted small">
              The segments also use {extra.map((f) => FEATURE_LABELS[f].toLowerCase()).join(', ')};
              for those this customer gets the median customer's values.
            </p>
          )}
          <button type="submit">Find segment</button>
        </form>
        <section className="card whatif-answer" aria-live="polite">
          {result ? (
            <Answer result={result} segmentation={segmentation} />
          ) : (
            <p className="busy">Working it out…</p>
          )}
        </section>
      </div>
      <section className="card">
        <h3>This customer against the segment profiles</h3>
        <Plot
          data={radar}
          layout={layout}
          label="Radar chart of the segment profiles with this customer's scores drawn as a dashed line"
        />
        <p className="muted chart-caption">
          The dashed line is this customer's percentile among all your customers for recency (1 =
          most recent), frequency and monetary value; the filled shapes are the segments' averages.
        </p>
      </section>
    </div>
  );
}

function Answer({ result, segmentation }: { result: WhatIfResult; segmentation: SegmentView }) {
  const segment = segmentation.segments[result.segment];
  return (
    <>
      <p className="muted answer-kicker">This customer would be in</p>
      <p className="answer-name" data-testid="whatif-segment">
        <span
          className="swatch big"
          style={{ background: segmentColour(result.segment) }}
          aria-hidden="true"
        />
        {segment?.name ?? `Segment ${result.segment + 1}`}
      </p>
      {segment && <p className="answer-action">{segment.action}</p>}
      <h4>Distance to each segment centre</h4>
      <DistanceList
        distances={result.distances}
        segments={segmentation.segments}
        own={result.segment}
      />
    </>
  );
}
