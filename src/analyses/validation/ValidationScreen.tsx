import { useState } from 'react';
import { FeaturesPanel } from './FeaturesPanel.tsx';
import { ModelsPanel } from './ModelsPanel.tsx';
import { QualityPanel } from './QualityPanel.tsx';
import { RfmPanel } from './RfmPanel.tsx';
import { ValidationSummary } from './ValidationSummary.tsx';
import './ValidationScreen.css';

type Panel = 'quality' | 'models' | 'rfm' | 'features';
const PANELS: { panel: Panel; label: string }[] = [
  { panel: 'quality', label: 'Stability and fit' },
  { panel: 'models', label: 'Other models' },
  { panel: 'rfm', label: 'RFM scores' },
  { panel: 'features', label: 'PCA and outliers' },
];

/**
 * "Can I trust these segments?": stability, per-customer fit and an independent audit; other
 * models side by side (and the choice of whose segments the app uses); classic RFM scores; PCA
 * and outliers. Each result is computed in the worker when this screen first needs it.
 */
export function ValidationScreen() {
  // Its results are computed only while it is shown: its `load` in src/analyses/registry.ts.
  const [panel, setPanel] = useState<Panel>('quality');

  return (
    <div className="validation">
      <h1>Can I trust these segments?</h1>
      <ValidationSummary />
      <div className="validation-tabs" role="tablist" aria-label="Validation">
        {PANELS.map((p) => (
          <button
            key={p.panel}
            type="button"
            role="tab"
            id={`validation-tab-${p.panel}`}
            aria-selected={panel === p.panel}
            aria-controls="validation-panel"
            data-testid={`validation-tab-${p.panel}`}
            className={panel === p.panel ? 'tab active' : 'tab'}
            onClick={() => setPanel(p.panel)}
          >
            {p.label}
          </button>
        ))}
      </div>
      <div id="validation-panel" role="tabpanel" aria-labelledby={`validation-tab-${panel}`}>
        {panel === 'quality' && <QualityPanel />}
        {panel === 'models' && <ModelsPanel />}
        {panel === 'rfm' && <RfmPanel />}
        {panel === 'features' && <FeaturesPanel />}
      </div>
    </div>
  );
}
