import { analysisClient } from '../../bridge/analysis-client.ts';
import type { WhatIfInput } from '../../core/session/session.ts';
import { reportError } from '../../store/errors.ts';
import { appStore } from '../../store/store.ts';

/** The segment on screen a hypothetical customer would fall in. */
export async function runWhatIf(input: WhatIfInput): Promise<void> {
  const choice = appStore.getState().segmentsChoice;
  if (!choice) return;
  try {
    const whatIf = await analysisClient.call((api) => api.whatIf(choice, input));
    appStore.setState({ whatIf });
  } catch (error) {
    reportError(error);
  }
}
