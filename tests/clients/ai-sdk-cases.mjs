// The Vercel AI SDK's cases (`ai` with `@ai-sdk/openai`), one per operation, for each major the suite pins (5 + 2 on
// Node 20, 7 + 4 on Node 22). The calls are the same where the SDK kept them; where it changed them (structured
// output, the system prompt's name, keeping the raw body) each major passes its own documented way in `sdk`.
import assert from 'node:assert/strict';
import { z } from 'zod';
import { assertSameVector, monolith } from './run-cases.mjs';

/**
 * The cases of one AI SDK major, named "<label> › <operation>". `sdk` holds its functions (`generateText`,
 * `streamText`, `tool`, `stepCountIs`, `embed`, `embedMany`, `APICallError`, the provider's `createOpenAI`) and
 * `system(text)`, `generateStructured({model, schema, prompt})` and `keepResponseBody` (generateText's options to
 * keep the raw body), the major's own spelling of those.
 */
export function aiSdkCases(label, sdk) {
  const { baseURL, apiKey, collectionId, toolModel, embeddingModel, beeQuestion, beeQuote, toolArguments, structuredAnswer, upstreamAnswer } = monolith();
  const { generateText, streamText, tool, stepCountIs, embed, embedMany, APICallError, createOpenAI } = sdk;
  // As a new user writes it: only base URL and key; provider(model) is the Responses API.
  const provider = createOpenAI({ baseURL, apiKey });

  const cases = {
    'generateText (default: Responses API)': async () => {
      const result = await generateText({ model: provider('extractive'), ...sdk.system('Answer from the sources.'), prompt: beeQuestion });
      // Without collection_ids the extractive model says it has none; the call itself must work as the default does.
      assert.ok(result.text.length > 0);
      assert.equal(result.finishReason, 'stop');
      assert.ok(result.usage.totalTokens > 0, JSON.stringify(result.usage));
    },
    'collection_ids through fetch, citations from response.body': async () => {
      // The SDK sends no fields it does not know; a fetch that adds ours does, and the raw body keeps our citations.
      const withCollections = createOpenAI({
        baseURL, apiKey,
        fetch: (url, init) => fetch(url, { ...init, body: JSON.stringify({ ...JSON.parse(init.body), collection_ids: [collectionId] }) }),
      });
      const result = await generateText({ model: withCollections('extractive'), prompt: beeQuestion, ...sdk.keepResponseBody });
      assert.ok(result.text.includes(beeQuote), result.text);
      assert.ok(result.response.body.citations.length > 0, 'no citations in the response body');
    },
    'streamText (Responses API)': async () => {
      const result = streamText({ model: provider(toolModel), prompt: 'Hello' });
      let text = '';
      for await (const delta of result.textStream) text += delta;
      assert.equal(text, upstreamAnswer);
      const usage = await result.usage;
      assert.ok(usage.inputTokens > 0 && usage.outputTokens > 0, JSON.stringify(usage));
    },
    'tool calling agent (configured model)': async () => {
      let calledWith = null;
      const result = await generateText({
        model: provider(toolModel),
        prompt: 'Weather in Paris?',
        tools: {
          get_weather: tool({
            description: 'The weather in a city',
            inputSchema: z.object({ city: z.string(), unit: z.string().optional() }),
            execute: async (input) => { calledWith = input; return { temperature: 22 }; },
          }),
        },
        stopWhen: stepCountIs(3),
      });
      assert.deepEqual(calledWith, JSON.parse(toolArguments));
      assert.equal(result.text, upstreamAnswer);
    },
    'structured output json_schema (configured model)': async () => {
      const object = await sdk.generateStructured({
        model: provider(toolModel),
        schema: z.object({ answer: z.string(), confidence: z.number() }),
        prompt: 'Structured?',
      });
      assert.deepEqual(object, JSON.parse(structuredAnswer));
    },
    'extractive model refuses tools': async () => {
      // An agent pointed at the extractive model learns at once why it cannot work: a 400 naming 'tools'.
      const getWeather = tool({ description: 'The weather in a city', inputSchema: z.object({ city: z.string() }), execute: async () => '22 C' });
      await assert.rejects(generateText({ model: provider('extractive'), prompt: 'Weather in Paris?', tools: { get_weather: getWeather }, maxRetries: 0 }),
        (error) => {
          const body = APICallError.isInstance(error) && error.statusCode === 400 ? JSON.parse(error.responseBody).error : {};
          return body.param === 'tools' && body.code === 'unsupported_parameter' && error.message.includes('cannot call tools');
        });
    },
    'chat completions model': async () => {
      const result = await generateText({ model: provider.chat('extractive'), prompt: beeQuestion });
      assert.ok(result.text.length > 0);
      assert.equal(result.finishReason, 'stop');
      assert.ok(result.usage.totalTokens > 0, JSON.stringify(result.usage));
    },
    'embed and embedMany': async () => {
      const model = provider.embedding(embeddingModel);
      const { embeddings } = await embedMany({ model, values: ['bees dance', 'Saturn has rings'] });
      const { embedding } = await embed({ model, value: 'bees dance' });
      assert.equal(embeddings.length, 2);
      assertSameVector(embedding, embeddings[0]);
    },
    'errors: unknown model and bad key': async () => {
      await assert.rejects(generateText({ model: provider('no-such-model'), prompt: 'hi', maxRetries: 0 }),
        (error) => APICallError.isInstance(error) && error.statusCode === 404);
      const stranger = createOpenAI({ baseURL, apiKey: 'not-a-key' });
      await assert.rejects(generateText({ model: stranger(toolModel), prompt: 'hi', maxRetries: 0 }),
        (error) => APICallError.isInstance(error) && error.statusCode === 401);
    },
  };

  return Object.fromEntries(Object.entries(cases).map(([operation, run]) => [`${label} › ${operation}`, run]));
}
