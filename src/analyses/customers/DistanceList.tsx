import type { SegmentProfile } from '../../core/cluster/segments.ts';
import { segmentColour } from '../../charts/palette.ts';
import './DistanceList.css';

interface Props {
  /** Distance to each segment centre, by segment number. */
  distances: readonly number[];
  segments: readonly Pick<SegmentProfile, 'name'>[];
  /** The segment the customer is in (the nearest centre), highlighted. */
  own: number;
}

/** How far a customer is from every segment centre, as bars relative to the farthest. */
export function DistanceList({ distances, segments, own }: Props) {
  const farthest = Math.max(...distances, 1e-9);
  return (
    <ul className="distances">
      {distances.map((d, c) => (
        <li key={c} className={c === own ? 'nearest' : undefined}>
          <span className="distance-name">
            <span className="swatch" style={{ background: segmentColour(c) }} aria-hidden="true" />
            {segments[c]?.name ?? `Segment ${c + 1}`}
            {c === own && <span className="visually-hidden"> (nearest)</span>}
          </span>
          <span className="distance-bar" aria-hidden="true">
            <span style={{ width: `${(d / farthest) * 100}%`, background: segmentColour(c) }} />
          </span>
          <span className="distance-value">{d.toFixed(2)}</span>
        </li>
      ))}
    </ul>
  );
}
