import { MODEL_LABELS } from '../../core/index.ts';
import { useApp } from '../../store/store.ts';
import { formatPercent, formatWhole } from '../../ui/format.ts';

const READING_CLASS = {
  'highly stable': 'good',
  acceptable: 'fair',
  unreliable: 'poor',
} as const;

/** Four headline answers, each filled in as its result arrives. */
export function ValidationSummary() {
  const stability = useApp((s) => s.stability);
  const quality = useApp((s) => s.quality?.report);
  const model = useApp((s) => s.segmentation?.model ?? 'kmeans');
  const k = useApp((s) => s.k);
  const result = stability?.result;
  const audit = quality?.audit;

  return (
    <div className="kpis validation-kpis">
      <div className="kpi" data-testid="stability-summary">
        <span className="kpi-label">Stability (k-means, k = {k ?? '–'})</span>
        {result ? (
          <>
            <span className="kpi-value">
              {result.mean.toFixed(2)}{' '}
              <span className="kpi-unit">
                ± {result.std.toFixed(2)}, lowest {result.min.toFixed(2)}
              </span>
            </span>
            <span className={`validation-reading ${READING_CLASS[result.reading]}`}>
              {result.reading}
            </span>
            <span className="muted">
              how alike the segments came out in {result.resamples} resamples (1 = the same groups),
              judged on the spread, not the mean alone
            </span>
          </>
        ) : k !== null && k < 2 ? (
          <span className="muted">Needs at least two segments.</span>
        ) : (
          <>
            <span className="kpi-value muted">…</span>
            <progress
              max={stability?.total ?? 30}
              value={stability?.done ?? 0}
              aria-label="Bootstrap resamples done"
            />
          </>
        )}
      </div>
      <div className="kpi" data-testid="silhouette-summary">
        <span className="kpi-label">Fit of each customer ({MODEL_LABELS[model]})</span>
        {quality && Number.isFinite(quality.silhouette.mean) ? (
          <>
            <span className="kpi-value">{quality.silhouette.mean.toFixed(3)}</span>
            <span className="muted">
              mean silhouette; {formatPercent(quality.silhouette.negativeShare)} of customers are
              closer to another segment
            </span>
          </>
        ) : (
          <span className="kpi-value muted">{quality ? '–' : '…'}</span>
        )}
      </div>
      <div className="kpi" data-testid="audit-summary">
        <span className="kpi-label">Independent audit</span>
        {audit && audit.status === 'audited' ? (
          <>
            <span className="kpi-value">{formatPercent(audit.report.accuracy)}</span>
            <span className="muted">
              of {formatWhole(audit.testCount)} held-out customers placed in their segment by a
              separate classifier
            </span>
          </>
        ) : (
          <span className="kpi-value muted">{quality ? '–' : '…'}</span>
        )}
      </div>
      <div className="kpi" data-testid="outlier-summary">
        <span className="kpi-label">Outliers</span>
        {quality ? (
          <>
            <span className="kpi-value">{formatWhole(quality.outliers.count)}</span>
            <span className="muted">
              customers ({formatPercent(quality.outliers.share)}) outside the 1.5 × IQR fences of a
              clustered feature
            </span>
          </>
        ) : (
          <span className="kpi-value muted">…</span>
        )}
      </div>
    </div>
  );
}
