import { useRef } from 'react';
import { MODEL_LABELS, type SegmentationModel } from '../../core/index.ts';
import { chooseModelFile, dropModel } from '../../store/model-actions.ts';
import { useApp } from '../../store/store.ts';
import { formatDate } from '../../ui/format.ts';
import './model.css';

const DAY = 86_400_000;

/** "5 segments (Champions, …) of k-means, saved 1 Dec 2026 from sales up to 5 Jun 2011". */
export function describeModel(model: SegmentationModel): string {
  const k = model.segments.length;
  const lastSale = Date.parse(model.snapshot) - DAY;
  return `${k} segment${k === 1 ? '' : 's'} (${model.segments.join(', ')}) from ${MODEL_LABELS[model.kind]}, saved ${formatDate(Date.parse(model.createdAt))} from sales up to ${formatDate(lastSale)}`;
}

/**
 * "Score with a saved model" (start and Columns screens): the next file read is put into the
 * model's segments instead of being segmented afresh. A file that is not a usable model gets its
 * message in the banner and changes nothing.
 */
export function ModelPicker() {
  const input = useRef<HTMLInputElement>(null);
  const chosen = useApp((s) => s.scoringModel);
  return (
    <div className="model-picker">
      {chosen ? (
        <div className="model-chosen" role="status" data-testid="model-chosen">
          <p>
            <strong>Scoring with your saved model</strong> {chosen.fileName}:{' '}
            {describeModel(chosen.model)}. The file will be put into these segments, not segmented
            afresh.
          </p>
          <button type="button" className="link-button" onClick={() => void dropModel()}>
            Don&apos;t use the model
          </button>
        </div>
      ) : (
        <p className="model-offer">
          <button
            type="button"
            className="secondary"
            data-testid="model-button"
            onClick={() => input.current?.click()}
          >
            Score with a saved model
          </button>
          <span className="muted">
            Put this month&apos;s customers into the segments you saved before (a
            segment-model-….json file from Save model).
          </span>
        </p>
      )}
      <input
        ref={input}
        className="visually-hidden"
        type="file"
        accept=".json,application/json"
        data-testid="model-input"
        aria-label="Choose a saved model file"
        tabIndex={-1}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) void chooseModelFile(file);
          event.currentTarget.value = '';
        }}
      />
    </div>
  );
}
