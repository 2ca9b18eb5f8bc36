// Unit tests of viewquery.js with a fake fetch: a view's aggregate and
// events are asked for side by side, and a wrong guess of the mode is
// mended. Run by web/jsunit_test.go.
import { test } from "node:test";
import assert from "node:assert/strict";

const { ViewQuery } = await import("../static/js/viewquery.js");

// fakeFetch records each request and answers it only when told to.
function fakeFetch() {
  const calls = [];
  globalThis.fetch = (url, { signal } = {}) =>
    new Promise((resolve, reject) => {
      const call = { url: new URL(url, "http://x"), answer: (body) => resolve({ ok: true, status: 200, json: async () => body }) };
      signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      calls.push(call);
    });
  return calls;
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const features = (n) => Array.from({ length: n }, (_, i) => ({ id: `e${i}`, properties: {} }));
const agg = (matched) => ({ numberMatched: matched, features: [] });

test("ViewQuery: both requests leave before either answers; the first guess is cells", async () => {
  const calls = fakeFetch();
  const vq = new ViewQuery();
  const done = vq.run("bbox=0,0,1,1", 6);
  await tick();
  assert.deepEqual(calls.map((c) => c.url.pathname), ["/api/aggregate", "/api/events"]);
  assert.equal(calls[0].url.searchParams.get("zoom"), "6");
  assert.equal(calls[1].url.searchParams.get("limit"), "100");
  calls[1].answer({ features: features(100), numberReturned: 100 });
  calls[0].answer(agg(500_000));
  const v = await done;
  assert.equal(v.mode.mode, "cells");
  assert.equal(v.fc.features.length, 100);
  assert.equal(calls.length, 2, "no third request when the guess was right");
});

test("ViewQuery: a wrong cells guess asks again for every event of a small view", async () => {
  const calls = fakeFetch();
  const vq = new ViewQuery();
  const done = vq.run("bbox=0,0,1,1", 9);
  await tick();
  calls[0].answer(agg(700));
  calls[1].answer({ features: features(100), numberReturned: 100 });
  await tick();
  assert.equal(calls.length, 3);
  assert.equal(calls[2].url.searchParams.get("limit"), "2000");
  calls[2].answer({ features: features(700), numberReturned: 700 });
  const v = await done;
  assert.equal(v.mode.mode, "events");
  assert.equal(v.fc.features.length, 700);
});

test("ViewQuery: after a small view it guesses events, and trims them when the view is big", async () => {
  const calls = fakeFetch();
  const vq = new ViewQuery();
  vq.last = { matched: 300, zoom: 9 };
  const done = vq.run("bbox=0,0,1,1", 9);
  await tick();
  assert.equal(calls[1].url.searchParams.get("limit"), "2000");
  calls[0].answer(agg(90_000));
  calls[1].answer({ features: features(2000), numberReturned: 2000 });
  const v = await done;
  assert.equal(v.mode.mode, "cells");
  assert.equal(v.fc.features.length, 100);
  assert.equal(v.fc.numberReturned, 100);
  assert.deepEqual(vq.last, { matched: 90_000, zoom: 9 });
});

test("ViewQuery: a newer run stops the older, which resolves to null", async () => {
  const calls = fakeFetch();
  const vq = new ViewQuery();
  const old = vq.run("bbox=0,0,1,1", 5);
  await tick();
  const cur = vq.run("bbox=1,1,2,2", 5);
  assert.equal(await old, null);
  await tick();
  calls[2].answer(agg(5));
  calls[3].answer({ features: features(5), numberReturned: 5 });
  assert.equal((await cur).fc.features.length, 5);
});
