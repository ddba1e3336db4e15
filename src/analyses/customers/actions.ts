import { analysisClient } from '../../bridge/analysis-client.ts';
import { reportError } from '../../store/errors.ts';
import { appStore } from '../../store/store.ts';

const set = appStore.setState;
const get = appStore.getState;

/** Opens a customer's profile (null closes it), for the segments on screen. */
export async function selectCustomer(index: number | null): Promise<void> {
  set({ selectedCustomer: index, customerDetail: null });
  const choice = get().segmentsChoice;
  if (index === null || !choice) return;
  try {
    const detail = await analysisClient.call((api) => api.customerDetail(choice, index));
    if (get().selectedCustomer === index) set({ customerDetail: detail });
  } catch (error) {
    reportError(error);
  }
}
