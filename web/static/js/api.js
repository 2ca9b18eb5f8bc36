// api.js: calls to the geoevents HTTP API. A Query aborts its previous
// request when a new one starts, so only the latest view's answer lands.

// APIError is an error answer from the API ({code, description}).
export class APIError extends Error {
  constructor(status, body) {
    super(body && body.description ? body.description : `HTTP ${status}`);
    this.status = status;
    this.code = body && body.code;
  }
}

// getJSON fetches path and returns its JSON body, throwing APIError for an
// error status.
export async function getJSON(path, { signal } = {}) {
  const res = await fetch(path, { signal, headers: { Accept: "application/json, application/geo+json" } });
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) throw new APIError(res.status, body);
  return body;
}

// Query runs one kind of request at a time: starting a new one aborts the
// one in flight, whose promise then resolves to null.
export class Query {
  constructor() {
    this.ctrl = null;
  }
  // abort stops the request in flight, if any (its run resolves to null).
  abort() {
    if (this.ctrl) this.ctrl.abort();
  }
  async run(path) {
    if (this.ctrl) this.ctrl.abort();
    const ctrl = new AbortController();
    this.ctrl = ctrl;
    try {
      return await getJSON(path, { signal: ctrl.signal });
    } catch (err) {
      if (ctrl.signal.aborted) return null;
      throw err;
    } finally {
      if (this.ctrl === ctrl) this.ctrl = null;
    }
  }
}

// props returns the event properties of a GeoJSON feature (or a plain
// event object), with its id and coordinates filled in.
export function eventOf(f) {
  const p = { ...(f.properties || f) };
  p.id = p.id || f.id;
  const c = f.geometry && f.geometry.coordinates;
  if (c) {
    p.lon = c[0];
    p.lat = c[1];
  }
  return p;
}
