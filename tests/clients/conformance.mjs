// The npm clients' majors that run on Node 20, against a running host as a new user would call them: only base URL
// and key changed. `openai` 6 and the Vercel AI SDK 5 (`ai` 5 + `@ai-sdk/openai` 2), installed under npm aliases
// beside the current majors that conformance-node22.mjs runs. Run by Monolith.IntegrationTests'
// NodeClientConformanceTests, which starts the host (and a fake upstream model that speaks OpenAI's wire format) and
// passes them in MONOLITH_* variables. Prints one JSON object last: {"<client> › <operation>": "ok" | "<failure>"};
// each entry is one xunit test there, so a failure names the client.
import OpenAI from 'openai-v6';
import { createOpenAI } from 'ai-sdk-openai-v2';
import { APICallError, embed, embedMany, generateObject, generateText, stepCountIs, streamText, tool } from 'ai-v5';
import { aiSdkCases } from './ai-sdk-cases.mjs';
import { openaiNodeCases } from './openai-node-cases.mjs';
import { runCases } from './run-cases.mjs';

await runCases({
  ...openaiNodeCases('openai-node 6', OpenAI),
  ...aiSdkCases('ai-sdk 5', {
    createOpenAI, generateText, streamText, tool, stepCountIs, embed, embedMany, APICallError,
    system: (text) => ({ system: text }),
    generateStructured: async (options) => (await generateObject(options)).object,
    keepResponseBody: {},
  }),
});
