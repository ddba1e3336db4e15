import { useEffect, useRef, useState } from 'react';
import { chooseFile, loadSample } from '../../store/actions.ts';
import { ModelPicker } from '../model/ModelPicker.tsx';
import './StartScreen.css';

/** The first screen: drop (or choose) a sales export, or try the bundled sample. */
/**
 * What the file dialog offers: text exports and workbooks. The MIME types help systems that go by
 * type rather than extension (Android, some Linux desktops).
 */
const FILE_TYPES = [
  '.csv',
  '.txt',
  '.tsv',
  '.gz',
  '.xlsx',
  '.xlsm',
  '.xls',
  '.ods',
  'text/csv',
  'text/tab-separated-values',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel.sheet.macroEnabled.12',
  'application/vnd.ms-excel',
  'application/vnd.oasis.opendocument.spreadsheet',
].join(',');

export function StartScreen() {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [loadingSample, setLoadingSample] = useState(false);

  // A file dropped just outside the zone would make the browser navigate to it and lose the app.
  useEffect(() => {
    const block = (event: DragEvent) => event.preventDefault();
    window.addEventListener('dragover', block);
    window.addEventListener('drop', block);
    return () => {
      window.removeEventListener('dragover', block);
      window.removeEventListener('drop', block);
    };
  }, []);

  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (file) void chooseFile(file);
  };

  const openPicker = () => input.current?.click();

  return (
    <div className="start">
      <section className="start-hero" aria-labelledby="start-title">
        <p className="start-eyebrow">Customer segments from your sales export</p>
        <h1 id="start-title">See who your customers really are</h1>
        <p className="start-lead">
          Drop the sales file from your shop system and get your customers grouped by how recently,
          how often and how much they buy: your loyal regulars, your new faces and the ones slipping
          away.
        </p>

        <div
          className={dragging ? 'dropzone dragging' : 'dropzone'}
          role="button"
          tabIndex={0}
          aria-describedby="dropzone-hint"
          onClick={openPicker}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              openPicker();
            }
          }}
          onDragEnter={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragOver={(event) => {
            event.preventDefault();
            event.dataTransfer.dropEffect = 'copy';
          }}
          onDragLeave={(event) => {
            // Leaving for a child element is not leaving the zone.
            if (!event.currentTarget.contains(event.relatedTarget as Node | null))
              setDragging(false);
          }}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            take(event.dataTransfer.files);
          }}
        >
          <svg className="dropzone-icon" viewBox="0 0 48 48" aria-hidden="true">
            <path d="M14 6h14l10 10v26a2 2 0 0 1-2 2H14a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2z" />
            <path d="M28 6v10h10" />
            <path d="M25 36V22m-6 6 6-6 6 6" />
          </svg>
          <span className="dropzone-title">
            {dragging ? 'Drop it here' : 'Drop your sales file here'}
          </span>
          <span className="dropzone-sub">
            or <span className="dropzone-link">choose a file</span>
          </span>
          <span id="dropzone-hint" className="dropzone-hint">
            CSV, TSV or text export (also gzipped), or an Excel or OpenDocument workbook
          </span>
        </div>
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          data-testid="file-input"
          accept={FILE_TYPES}
          aria-label="Choose a sales file"
          tabIndex={-1}
          onChange={(event) => {
            take(event.currentTarget.files);
            // Lets the same file be chosen again after "Choose another file".
            event.currentTarget.value = '';
          }}
        />

        <div className="start-actions">
          <button
            type="button"
            className="secondary start-sample"
            data-testid="sample-button"
            disabled={loadingSample}
            onClick={() => {
              setLoadingSample(true);
              void loadSample().finally(() => setLoadingSample(false));
            }}
          >
            {loadingSample ? 'Loading the sample…' : 'Try the sample'}
          </button>
          <span className="muted">A slice of real sales from a UK online gift shop</span>
        </div>
        <ModelPicker />

        <p className="start-privacy">
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <rect x="5" y="11" width="14" height="10" rx="2" />
            <path d="M8 11V8a4 4 0 0 1 8 0v3" />
          </svg>
          Your file is analysed right here in your browser: the data never leaves your device.
        </p>
      </section>

      <div className="start-info">
        <section className="card" aria-labelledby="need-title">
          <h2 id="need-title">What you need</h2>
          <p>
            An export with <strong>one row per order line</strong>: who bought, when, how many and
            at what price (or the line amount). Column names do not matter; you can check them on
            the next step.
          </p>
          <div className="table-scroll">
            <table className="data start-example" aria-label="Example of the rows the file needs">
              <thead>
                <tr>
                  <th>Customer</th>
                  <th>Date</th>
                  <th className="num">Quantity</th>
                  <th className="num">Price</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td>17850</td>
                  <td>2011-03-01</td>
                  <td className="num">6</td>
                  <td className="num">2.55</td>
                </tr>
                <tr>
                  <td>13047</td>
                  <td>2011-03-02</td>
                  <td className="num">12</td>
                  <td className="num">4.25</td>
                </tr>
              </tbody>
            </table>
          </div>
          <p className="muted start-optional">
            Also useful if you have them: invoice or order number, product code, description,
            country.
          </p>
        </section>

        <section className="card" aria-labelledby="get-title">
          <h2 id="get-title">What you get</h2>
          <ul className="start-gets">
            <li>
              <strong>Customer segments</strong>
              <span>
                Recency, frequency and money spent (RFM), grouped with k-means and named in plain
                words.
              </span>
            </li>
            <li>
              <strong>The right number of groups</strong>
              <span>
                Elbow and silhouette charts suggest how many segments your data really has.
              </span>
            </li>
            <li>
              <strong>Retention by cohort</strong>
              <span>How many customers come back, month after month.</span>
            </li>
            <li>
              <strong>Lists you can act on</strong>
              <span>Every customer with their segment, ready to export to your mailing tool.</span>
            </li>
          </ul>
        </section>
      </div>
    </div>
  );
}
