// reveal.js: bringing one clustered marker into view. Many events share a
// place's exact coordinates, and zooming can never split those; so a
// cluster covering (almost) one point is spiderfied instead of zoomed into.

// TINY_M is the size under which a cluster counts as one point.
const TINY_M = 250;

// MAX_ZOOM_IN is the closest zoom reveal and cluster clicks go to on their
// own; closer than that the offline basemap shows too little to orient by,
// so remaining clusters are spread out instead.
export const MAX_ZOOM_IN = 9;

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
// spiderfying the cluster still holding it (a single point, or any cluster
// at MAX_ZOOM_IN), flying when it is far, and resolves when m is on the map.
export async function reveal(map, group, m, { fly = true } = {}) {
  const ll = m.getLatLng();
  let shown = group.getVisibleParent(m);
  const inView = map.getBounds().pad(-0.05).contains(ll);
  const spreadable = shown && shown !== m && (tiny(shown) || map.getZoom() >= MAX_ZOOM_IN);
  if (!(inView && (shown === m || spreadable))) {
    const z = Math.max(map.getZoom(), Math.min(MAX_ZOOM_IN, targetZoom(m) ?? map.getZoom()));
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

// clusterClick zooms into a cluster, up to MAX_ZOOM_IN, or spreads it out
// when it covers one point or the map is already that close.
export function clusterClick(map, cluster) {
  if (tiny(cluster) || map.getZoom() >= MAX_ZOOM_IN) {
    cluster.spiderfy();
    return;
  }
  map.fitBounds(cluster.getBounds(), { padding: [40, 40], maxZoom: MAX_ZOOM_IN });
}
