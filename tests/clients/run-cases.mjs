// What both conformance scripts share: their MONOLITH_* settings, and running their cases (all, or those named on
// the command line) to print one JSON object last: {"<client> › <operation>": "ok" | "<failure>"}.
import assert from 'node:assert/strict';

export const env = (name) => process.env[name] ?? assert.fail(`${name} is not set`);

export async function runCases(cases) {
  const only = process.argv.slice(2);
  const results = {};
  for (const [name, run] of Object.entries(cases)) {
    if (only.length > 0 && !only.includes(name)) continue;
    try {
      await run();
      results[name] = 'ok';
    } catch (error) {
      results[name] = `${error?.name ?? 'Error'}: ${error?.message ?? error}`.slice(0, 2000);
    }
  }

  process.stdout.write(`\n${JSON.stringify(results)}\n`);
}
