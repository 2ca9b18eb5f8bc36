// reveal.js: bringing one clustered marker into view. Many events share a
// place's exact coordinates, and zooming can never split those; so a
// cluster covering (almost) one point is spiderfied instead of zoomed into.

// TINY_M is the size under which a cluster counts as one point.
const TINY_M = 250;

// tiny reports whether a cluster covers (almost) a single point.
export function tiny(cluster) {
  const b = cluster.getBounds();
  return b.getNorthEast().distanceTo(b.getSouthWest()) < TINY_M;
}

// once resolves on the next event name of target, or after ms at the latest
// (an event that never comes must not hang the page).
function once(target, name, ms = 2000) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      target.off(name, done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    target.once(name, done);
  });
}

// targetZoom is the lowest zoom at which marker m shows on its own or in
// a single-point cluster (markercluster keeps each marker's deepest cluster
// in __parent, and each cluster's zoom level in _zoom).
function targetZoom(m) {
  let c = m.__parent;
  if (!c || c._zoom === undefined) return null;
  if (!tiny(c)) return c._zoom + 1;
  while (c.__parent && c.__parent._zoom !== undefined && tiny(c.__parent)) c = c.__parent;
  return c._zoom;
}

// reveal moves the map so marker m (in cluster group group) is visible,
// spiderfying its single-point cluster if needed, flying when it is far,
// and resolves when m is on the map.
export async function reveal(map, group, m, { fly = true } = {}) {
  const ll = m.getLatLng();
  let shown = group.getVisibleParent(m);
  const inView = map.getBounds().pad(-0.05).contains(ll);
  if (!(inView && (shown === m || (shown && tiny(shown))))) {
    const z = Math.max(map.getZoom(), Math.min(map.getMaxZoom(), targetZoom(m) ?? map.getZoom()));
    const moved = once(map, "moveend");
    if (fly && (!inView || z - map.getZoom() > 2)) map.flyTo(ll, z, { duration: 0.7 });
    else map.setView(ll, z);
    await moved;
    if (group._inZoomAnimation) await once(group, "animationend");
    shown = group.getVisibleParent(m);
  }
  if (shown && shown !== m && group._spiderfied !== shown) {
    const spread = once(group, "spiderfied");
    shown.spiderfy();
    await spread;
  }
}
