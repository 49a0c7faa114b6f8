// Compiles the brand stylesheet and copies the scripts into wesaid/static/build/.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "wesaid", "static", "build");
mkdirSync(out, { recursive: true });

const result = sass.compile(join(root, "frontend", "main.scss"), {
  importers: [new sass.NodePackageImporter()],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
if (result.css.includes("GDS Transport")) {
  throw new Error("The compiled stylesheet mentions GDS Transport: only GOV.UK may use that font.");
}
writeFileSync(join(out, "wesaid.css"), result.css);
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
copyFileSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
copyFileSync(join(root, "frontend", "init.mjs"), join(out, "init.mjs"));
console.log(`Built ${out}: wesaid.css (${result.css.length} bytes), govuk-frontend.min.js, init.mjs`);
