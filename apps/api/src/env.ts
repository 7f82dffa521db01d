/** A cacheable body as sent: UTF-8 bytes with the headers that describe them. */
export interface SentBody {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  contentType: string;
  cacheControl: string;
}

/**
 * The Hono environment every part of the app shares: the request id set by the first middleware, the
 * cacheable body a read sent (for the read cache) and the signal of the request's deadline.
 */
export interface AppEnv {
  Variables: {
    /** The request's id: a well-formed `X-Request-Id` the client sent, or a new UUID. */
    requestId: string;
    /** Headers every answer to this request carries (see `answerHeaders`). */
    headers: Record<string, string>;
    sent: SentBody | undefined;
    /** Aborted when the request runs out of time (`/v1` only): writes pass it to the store. */
    signal: AbortSignal | undefined;
  };
}
