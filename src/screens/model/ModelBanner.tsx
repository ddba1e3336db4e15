import { dropModel } from '../../store/model-actions.ts';
import { useApp } from '../../store/store.ts';
import { describeModel } from './ModelPicker.tsx';
import './model.css';

/** Above the results of a file scored with a saved model: which model, from when, and the way out. */
export function ModelBanner() {
  const scored = useApp((s) => s.clustering?.scoredWith !== undefined);
  const chosen = useApp((s) => s.scoringModel);
  if (!scored || !chosen) return null;
  return (
    <div className="model-banner" role="status" data-testid="model-banner">
      <p>
        <strong>Segments from your saved model</strong> {chosen.fileName}:{' '}
        {describeModel(chosen.model)}. Every customer of this file is in the nearest of these
        segments; nothing was refitted, so names, colours and order are the model&apos;s.
      </p>
      <button type="button" className="secondary" onClick={() => void dropModel()}>
        Segment afresh instead
      </button>
    </div>
  );
}
