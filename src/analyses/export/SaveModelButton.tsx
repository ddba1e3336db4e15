import { useState } from 'react';
import { MODEL_LABELS } from '../../core/index.ts';
import { saveModel } from '../../store/model-actions.ts';
import { useApp } from '../../store/store.ts';
import { formatPercent } from '../../ui/format.ts';

/**
 * "Save model": the segments on screen as segment-model-YYYY-MM-DD.json (no customer data), to
 * score next month's file with. k-means, the Gaussian mixture and Ward can be saved; DBSCAN's
 * groups cannot (the banner says why). For the mixture and Ward the note says how many of this
 * file's customers the nearest-centre rule keeps in their segment.
 */
export function SaveModelButton({ disabled }: { disabled: boolean }) {
  const model = useApp((s) => s.segmentation?.model ?? 'kmeans');
  const [note, setNote] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      const agreement = await saveModel();
      setNote(
        agreement === null || agreement === 1
          ? null
          : `Saved as the centres of the ${MODEL_LABELS[model]} groups: a new file's customers go to the nearest one, which keeps ${formatPercent(agreement)} of this file's customers in their segment.`,
      );
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="secondary"
        data-testid="save-model"
        title="Download these segments as a model file, to put next month's customers into the same segments"
        disabled={disabled || saving}
        onClick={() => void save()}
      >
        Save model
      </button>
      {note && (
        <p className="toolbar-note muted" role="status">
          {note}
        </p>
      )}
    </>
  );
}
