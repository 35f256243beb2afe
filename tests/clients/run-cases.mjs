// What the conformance scripts share: the MONOLITH_* settings NodeClientConformanceTests passes, and running their
// cases (all, or those named on the command line) to print one JSON object last: {"<client> › <operation>": "ok" | "<failure>"}.
import assert from 'node:assert/strict';

export const env = (name) => process.env[name] ?? assert.fail(`${name} is not set`);

/** The host under test and what the test fixture put there (collection, configured model, expected answers). */
export const monolith = () => ({
  baseURL: env('MONOLITH_BASE_URL'),
  apiKey: env('MONOLITH_API_KEY'),
  collectionId: env('MONOLITH_COLLECTION_ID'),
  toolModel: env('MONOLITH_TOOL_MODEL'),
  embeddingModel: env('MONOLITH_EMBEDDING_MODEL'),
  beeQuestion: env('MONOLITH_BEE_QUESTION'),
  beeQuote: env('MONOLITH_BEE_QUOTE'),
  documents: JSON.parse(env('MONOLITH_DOCUMENTS')),
  toolArguments: env('MONOLITH_TOOL_ARGUMENTS'),
  structuredAnswer: env('MONOLITH_STRUCTURED_ANSWER'),
  upstreamAnswer: env('MONOLITH_UPSTREAM_ANSWER'),
});

/** Asserts two embeddings are the same vector (to float precision). */
export function assertSameVector(actual, expected) {
  assert.ok(expected.length > 100, `${expected.length} dimensions`);
  assert.equal(actual.length, expected.length);
  actual.forEach((value, i) => assert.ok(Math.abs(value - expected[i]) < 1e-6, `dimension ${i}: ${value} vs ${expected[i]}`));
}

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
