import { fetchEventSource, type EventSourceMessage } from '@microsoft/fetch-event-source';

const KEY = 'agentfunctions.apiKey';

/** The API root, relative to the page: the dashboard is served at <root>/dashboard/. */
export const apiBase = new URL('..', document.baseURI).toString();

export const getKey = (): string | null => sessionStorage.getItem(KEY);
export const setKey = (key: string): void => sessionStorage.setItem(KEY, key.trim());
export const clearKey = (): void => sessionStorage.removeItem(KEY);

/** An API answer other than 2xx, with its RFC 7807 problem details when there are any. */
export class ApiError extends Error {
  constructor(public status: number, public problem: any) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

function headers(extra?: Record<string, string>): Record<string, string> {
  const h: Record<string, string> = { ...(extra ?? {}) };
  const key = getKey();
  if (key) h['x-api-key'] = key;
  return h;
}

export async function api<T = any>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const res = await fetch(apiBase + path, {
    method: init?.method ?? 'GET',
    headers: headers(init?.body === undefined ? undefined : { 'content-type': 'application/json' }),
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let json: any = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = { detail: text }; }
  if (!res.ok) throw new ApiError(res.status, json);
  return json as T;
}

export const post = <T = any>(path: string, body: unknown) => api<T>(path, { method: 'POST', body });

export interface StreamHandlers {
  onMessage: (ev: EventSourceMessage) => void;
  /** Called when the stream cannot be opened (4xx, or no such endpoint); no retry follows. */
  onFailed: (err: ApiError) => void;
  /** Called when the server completes the stream; return true to reconnect (resuming after the last id seen). */
  onClosed?: () => boolean;
}

/**
 * Opens a server-sent event stream with the API key header (native EventSource cannot send one). The library resends the last
 * `id:` it saw as Last-Event-ID when it reconnects, so a dropped connection loses and repeats no event.
 */
export function stream(path: string, handlers: StreamHandlers, lastEventId?: string): AbortController {
  const abort = new AbortController();
  const extra: Record<string, string> = { accept: 'text/event-stream' };
  if (lastEventId) extra['Last-Event-ID'] = lastEventId;
  class Retry extends Error {}
  fetchEventSource(apiBase + path, {
    headers: headers(extra),
    signal: abort.signal,
    openWhenHidden: true,
    async onopen(res) {
      if (res.ok && (res.headers.get('content-type') ?? '').startsWith('text/event-stream')) return;
      let problem: any = null;
      try { problem = await res.json(); } catch { /* not JSON */ }
      throw new ApiError(res.ok ? 415 : res.status, problem);
    },
    onmessage: handlers.onMessage,
    onclose() {
      if (handlers.onClosed?.()) throw new Retry();
      abort.abort();
    },
    onerror(err) {
      if (err instanceof ApiError && err.status < 500) {
        handlers.onFailed(err);
        throw err; // stop: retrying a 401/403/404 does not help
      }
      return 1000;
    },
  }).catch(() => { /* stopped */ });
  return abort;
}
