import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../lib/core/errors';
import { HttpClient, MAX_RESPONSE_BYTES } from '../../../lib/providers/http';

/** A hostile server streaming `chunks` of `chunkBytes` each; records how many chunks were pulled. */
function streamingFetch(chunkBytes: number, chunks: number, headers: Record<string, string> = {}) {
  const pulled = { count: 0 };
  const fetchImpl = (async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled.count >= chunks) return controller.close();
        pulled.count++;
        controller.enqueue(new Uint8Array(chunkBytes).fill(0x61));
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json', ...headers } });
  }) as typeof fetch;
  return { fetchImpl, pulled };
}

function client(fetchImpl: typeof fetch, maxResponseBytes?: number) {
  return new HttpClient({
    serviceName: 'Example',
    baseUrl: 'https://api.example.com',
    fetch: fetchImpl,
    ...(maxResponseBytes !== undefined ? { maxResponseBytes } : {}),
  });
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a failure');
}

describe('HttpClient response size cap (hostile server)', () => {
  it('stops reading a streamed body once it passes the cap', async () => {
    const { fetchImpl, pulled } = streamingFetch(64 * 1024, 1000);
    const error = await failureOf(client(fetchImpl, 256 * 1024).send({ method: 'GET', path: '/x' }));
    expect(error.kind).toBe('bad-response');
    expect(error.message).toMatch(/larger than/);
    // 256 KB cap, 64 KB chunks: the fifth chunk crosses it; the stream is abandoned, not drained.
    expect(pulled.count).toBeLessThan(10);
  });

  it('refuses a declared Content-Length over the cap before reading the body', async () => {
    const { fetchImpl, pulled } = streamingFetch(1024, 10, { 'content-length': String(10 * 1024 * 1024) });
    const error = await failureOf(client(fetchImpl, 1024 * 1024).send({ method: 'GET', path: '/x' }));
    expect(error.kind).toBe('bad-response');
    expect(pulled.count).toBeLessThanOrEqual(1);
  });

  it('reads an answer under the cap whole and byte for byte', async () => {
    const { fetchImpl } = streamingFetch(1000, 5);
    const response = await client(fetchImpl, 10_000).send({ method: 'GET', path: '/x' });
    expect(response.bytes.byteLength).toBe(5000);
    expect(response.text()).toBe('a'.repeat(5000));
  });

  it('applies the default cap without configuration', async () => {
    // Twice the default cap is offered; reading must stop at the cap, long before the end.
    const chunk = 4 * 1024 * 1024;
    const chunks = (2 * MAX_RESPONSE_BYTES) / chunk;
    const { fetchImpl, pulled } = streamingFetch(chunk, chunks);
    const error = await failureOf(client(fetchImpl).send({ method: 'GET', path: '/x' }));
    expect(error.kind).toBe('bad-response');
    // The chunk that crosses the cap, plus the one the stream pulls ahead; never the rest.
    expect(pulled.count).toBeLessThanOrEqual(MAX_RESPONSE_BYTES / chunk + 2);
    expect(pulled.count).toBeLessThan(chunks);
  });
});
