import { describe, expect, it } from 'vitest';
import { blobSource, concatBytes } from './source.ts';

describe('blobSource', () => {
  it('streams a Blob in slices of the given size, every byte once, in order', async () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
    const source = blobSource(new File([bytes], 'x.csv', { lastModified: 42 }), 64);
    expect(source.name).toBe('x.csv');
    expect(source.size).toBe(1000);
    expect(source.lastModified).toBe(42);
    const chunks: Uint8Array[] = [];
    const reader = source.stream().getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read())
      chunks.push(next.value);
    expect(chunks.map((c) => c.byteLength)).toEqual([...Array(15).fill(64), 40]);
    expect(concatBytes(chunks)).toEqual(bytes);
  });

  it('can be read again from the start, in slices or as the Blob streams itself', async () => {
    for (const source of [
      blobSource(new Blob(['a,b\n1,2\n']), 3),
      blobSource(new Blob(['a,b\n1,2\n'])),
    ]) {
      const read = async () => new Response(source.stream()).text();
      expect(await read()).toBe('a,b\n1,2\n');
      expect(await read()).toBe('a,b\n1,2\n');
    }
  });

  it('without a slice size: every byte once, in order', async () => {
    const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256);
    const chunks: Uint8Array[] = [];
    const reader = blobSource(new Blob([bytes]))
      .stream()
      .getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read())
      chunks.push(next.value);
    expect(concatBytes(chunks)).toEqual(bytes);
  });
});

describe('concatBytes', () => {
  it('joins and cuts at the limit', () => {
    const parts = [Uint8Array.of(1, 2), Uint8Array.of(3, 4, 5)];
    expect(concatBytes(parts)).toEqual(Uint8Array.of(1, 2, 3, 4, 5));
    expect(concatBytes(parts, 3)).toEqual(Uint8Array.of(1, 2, 3));
  });
});
