import { useState } from 'react';
import { renameSegment } from '../../store/actions.ts';

interface Props {
  cluster: number;
  name: string;
  suggestedName: string;
}

/**
 * A segment's name, edited in place. The rename is applied on Enter or when the field loses
 * focus, not on every keystroke: each rename redraws every chart, the 3D scatter included.
 */
export function SegmentNameInput({ cluster, name, suggestedName }: Props) {
  const [draft, setDraft] = useState(name);
  const [shown, setShown] = useState(name);
  // The name can also change from outside (another k, a reset): show the new one.
  if (shown !== name) {
    setShown(name);
    setDraft(name);
  }
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    const refused = draft.trim() !== name ? renameSegment(cluster, draft) : null;
    setProblem(refused);
    if (refused) setDraft(name);
    else if (draft.trim() === '') setDraft(suggestedName);
  };
  return (
    <>
      <input
        type="text"
        className="segment-name-input"
        value={draft}
        maxLength={60}
        aria-label={`Name of segment ${cluster + 1}`}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `segment-name-problem-${cluster}` : undefined}
        title={
          name === suggestedName
            ? 'Type to rename'
            : `Suggested name: ${suggestedName}. Clear to restore it.`
        }
        onChange={(event) => {
          setDraft(event.target.value);
          setProblem(null);
        }}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          } else if (event.key === 'Escape') {
            setDraft(name);
          }
        }}
      />
      {problem && (
        <span
          id={`segment-name-problem-${cluster}`}
          className="segment-name-problem"
          role="alert"
          data-testid="segment-name-problem"
        >
          {problem}
        </span>
      )}
    </>
  );
}
