import { useState } from 'react';
import type { CustomerExportFormat } from '../../core/index.ts';
import { exportCustomers } from '../../store/actions.ts';
import './CustomerExportButtons.css';

const FORMATS: { format: CustomerExportFormat; label: string; title: string }[] = [
  { format: 'csv', label: 'CSV', title: 'Comma-separated, for most tools and Excel in English' },
  {
    format: 'csv-semicolon',
    label: 'CSV with ;',
    title: 'Semicolons and decimal commas, for Excel set to a European language',
  },
  { format: 'xlsx', label: 'Excel (.xlsx)', title: 'An Excel workbook' },
];

/**
 * The three customer file formats as buttons (test ids `<testId>-<format>`): all customers, or
 * `only` those of a view (a segment, a search), in its order.
 */
export function CustomerExportButtons({
  testId,
  view,
}: {
  testId: string;
  view?: { only: Int32Array; part: string } | undefined;
}) {
  const [busy, setBusy] = useState<CustomerExportFormat | null>(null);
  const save = async (format: CustomerExportFormat) => {
    setBusy(format);
    try {
      await exportCustomers(format, view);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="export-buttons">
      {FORMATS.map(({ format, label, title }) => (
        <button
          key={format}
          type="button"
          className={format === 'csv' ? undefined : 'secondary'}
          data-testid={`${testId}-${format}`}
          title={title}
          disabled={busy !== null || view?.only.length === 0}
          onClick={() => void save(format)}
        >
          {busy === format ? 'Saving…' : label}
        </button>
      ))}
    </div>
  );
}
