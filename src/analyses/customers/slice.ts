import type { CustomerDetail } from '../../core/results.ts';
import type { Slice } from '../../store/slice.ts';

export interface CustomersState {
  selectedCustomer: number | null;
  customerDetail: CustomerDetail | null;
}

/** The customer whose profile is open; the profile is asked again when the segments change. */
export const customersSlice: Slice<CustomersState> = {
  perRun: { selectedCustomer: null, customerDetail: null },
  perFile: {},
  perSegments: ['customerDetail'],
};
