/**
 * `npm run db:check`: fails when db/schema changed without a migration.
 *
 * Runs `drizzle-kit generate` into the real drizzle/ folder and compares the folder's
 * files and contents before and after. Anything created or changed means the committed
 * migrations are behind the schema; the folder is then put back exactly as it was, so the
 * check never leaves a stray migration behind. Needs no git.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const ROOT = process.cwd();
const OUT = path.join(ROOT, "drizzle");
const BIN = path.join(ROOT, "node_modules", "drizzle-kit", "bin.cjs");
const FAIL_MESSAGE = "Schema changed without a migration: run npm run db:generate and commit drizzle/";
// drizzle-kit asks interactively about renames; with no terminal it would wait forever.
const TIMEOUT_MS = 120_000;

/** Every file under `dir`, keyed by its path relative to `dir`, with its bytes. */
function snapshot(dir) {
  const files = new Map();
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.set(path.relative(dir, full), fs.readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

function digest(buf) {
  return createHash("sha256").update(buf).digest("hex");
}

function diff(before, after) {
  const added = [];
  const changed = [];
  const removed = [];
  for (const [file, content] of after) {
    if (!before.has(file)) added.push(file);
    else if (digest(before.get(file)) !== digest(content)) changed.push(file);
  }
  for (const file of before.keys()) if (!after.has(file)) removed.push(file);
  return { added, changed, removed };
}

/** Puts drizzle/ back to `before`: new files go, changed or removed files get their old bytes. */
function restore(before) {
  const after = snapshot(OUT);
  for (const file of after.keys()) {
    if (!before.has(file)) fs.rmSync(path.join(OUT, file), { force: true });
  }
  for (const [file, content] of before) {
    const full = path.join(OUT, file);
    const current = after.get(file);
    if (!current || digest(current) !== digest(content)) {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
    }
  }
  removeEmptyDirs(OUT, before);
}

/** Removes directories drizzle-kit created that are now empty (never drizzle/ itself if it existed). */
function removeEmptyDirs(dir, before) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyDirs(path.join(dir, entry.name), before);
  }
  const rel = path.relative(OUT, dir);
  const existedBefore = rel === "" ? before.size > 0 : [...before.keys()].some((f) => f.startsWith(rel + path.sep));
  if (!existedBefore && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
}

if (!fs.existsSync(BIN)) {
  console.error(`db:check: ${path.relative(ROOT, BIN)} not found; run npm ci first.`);
  process.exit(2);
}

const before = snapshot(OUT);
let restored = false;
const restoreOnce = () => {
  if (restored) return;
  restored = true;
  restore(before);
};
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    restoreOnce();
    process.exit(130);
  });
}

const run = spawnSync(process.execPath, [BIN, "generate"], {
  cwd: ROOT,
  env: { ...process.env, FORCE_COLOR: "0" },
  stdio: ["ignore", "pipe", "pipe"],
  encoding: "utf8",
  timeout: TIMEOUT_MS,
});
const output = `${run.stdout ?? ""}${run.stderr ?? ""}`.trim();

const { added, changed, removed } = diff(before, snapshot(OUT));
const drifted = added.length + changed.length + removed.length > 0;
if (drifted) restoreOnce();

if (run.error?.code === "ETIMEDOUT" || run.signal) {
  if (output) console.error(output);
  console.error(
    `\ndb:check: drizzle-kit generate did not finish within ${TIMEOUT_MS / 1000}s ` +
      "(it waits for an answer when a table or column looks renamed).",
  );
  console.error(FAIL_MESSAGE);
  process.exit(1);
}

// drizzle-kit exits 0 even when it throws, so only its own "nothing to migrate" counts as a pass.
if (!drifted && /Interactive prompts require a TTY/i.test(output)) {
  if (output) console.error(output);
  console.error(
    "\ndb:check: drizzle-kit generate needs to ask whether a table or column was renamed, " +
      "so db/schema differs from the last migration.",
  );
  console.error(FAIL_MESSAGE);
  process.exit(1);
}

if (run.status !== 0 || (!drifted && !/No schema changes, nothing to migrate/i.test(output))) {
  if (output) console.error(output);
  console.error(`\ndb:check: drizzle-kit generate failed or did not confirm the schema is unchanged (exit ${run.status}).`);
  process.exit(run.status || 1);
}

if (drifted) {
  if (output) console.error(output);
  console.error("\ndb:check: drizzle-kit generate would change drizzle/:");
  for (const f of added) console.error(`  + ${path.join("drizzle", f)}`);
  for (const f of changed) console.error(`  ~ ${path.join("drizzle", f)}`);
  for (const f of removed) console.error(`  - ${path.join("drizzle", f)}`);
  console.error("drizzle/ has been restored to its previous state.");
  console.error(FAIL_MESSAGE);
  process.exit(1);
}

console.log(`db:check: drizzle/ matches db/schema (${before.size} files, no changes).`);
