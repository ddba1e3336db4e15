import { useApp } from '../../store/store.ts';
import { RfmScatter } from './RfmScatter.tsx';
import { SegmentDonut, SegmentMeans, SegmentRadar } from './SegmentCharts.tsx';
import { SegmentTable } from './SegmentTable.tsx';
import { useSegmentValue } from '../value/useSegmentValue.ts';
import './SegmentsScreen.css';

/** The segments of the chosen k: table with editable names and actions, then the charts. */
export function SegmentsScreen() {
  const prepared = useApp((s) => s.prepared);
  const segmentation = useApp((s) => s.segmentation);
  const busy = useApp((s) => s.clusteringBusy);
  const segmentValue = useSegmentValue();
  const dropped = useApp((s) => s.renamesDropped);

  if (!prepared || !segmentation)
    return (
      <p className="busy" aria-live="polite">
        {busy ? 'Finding segments…' : 'No segments yet.'}
      </p>
    );

  return (
    <div className="segments-screen">
      <header className="screen-heading">
        <h2>{segmentation.k} segments</h2>
        <p className="muted">
          Segment 1 is your most valuable group. Type over a name to rename it; the new name is used
          in every chart and in the exports.
        </p>
      </header>
      {dropped.length > 0 && (
        <p className="renames-dropped" role="status" data-testid="renames-dropped">
          Not kept from before: {dropped.map((n) => `“${n}”`).join(', ')}. No segment of the new
          results has the same profile; name the segments again if you like.
        </p>
      )}
      <section className="card">
        <SegmentTable segments={segmentation.segments} value={segmentValue} />
      </section>
      <RfmScatter customers={prepared.customers} segmentation={segmentation} />
      <div className="grid-2 segments-pair">
        <SegmentDonut segments={segmentation.segments} />
        <SegmentRadar segments={segmentation.segments} />
      </div>
      <SegmentMeans segments={segmentation.segments} />
    </div>
  );
}
