// copy-vendor copies the browser files of the npm dependencies (Leaflet and
// Leaflet.markercluster) from node_modules into static/vendor, where
// go:embed picks them up. Run it with `npm ci --prefix web && npm run --prefix web build`.
import { cpSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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
console.log(`copy-vendor: wrote ${vendor}`);
