// The npm `openai` client's cases, one per operation, for each major the suite pins (6 on Node 20, 7 on Node 22):
// the same calls, as its README shows them, so a difference between the majors shows as one failing case.
import assert from 'node:assert/strict';
import { assertSameVector, monolith } from './run-cases.mjs';

/** The cases of one `openai` major (`OpenAI`: its default export), named "<label> › <operation>". */
export function openaiNodeCases(label, OpenAI) {
  const { baseURL, apiKey, collectionId, toolModel, embeddingModel, beeQuestion, beeQuote, toolArguments, structuredAnswer, upstreamAnswer } = monolith();
  const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 60_000 });
  const weatherTool = {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'The weather in a city',
      parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' } }, required: ['city'] },
    },
  };
  const grounded = { model: 'extractive', collection_ids: [collectionId] };

  const cases = {
    'models.list': async () => {
      const ids = [];
      for await (const model of client.models.list()) ids.push(model.id);
      assert.ok(ids.includes('extractive') && ids.includes(toolModel) && ids.includes(embeddingModel), ids.join(', '));
    },
    'models.retrieve': async () => {
      const model = await client.models.retrieve('extractive');
      assert.equal(model.id, 'extractive');
      assert.equal(model.object, 'model');
    },
    'embeddings float and base64': async () => {
      // The client asks for base64 unless told otherwise and decodes it; both must be the same vector.
      const asFloat = await client.embeddings.create({ model: embeddingModel, input: 'bees dance', encoding_format: 'float' });
      const byDefault = await client.embeddings.create({ model: embeddingModel, input: 'bees dance' });
      assertSameVector(byDefault.data[0].embedding, asFloat.data[0].embedding);
      assert.ok(asFloat.usage.prompt_tokens > 0);
    },
    'embeddings batch and token arrays': async () => {
      const batch = await client.embeddings.create({ model: embeddingModel, input: ['bees dance', 'Saturn has rings'], encoding_format: 'float' });
      assert.deepEqual(batch.data.map((item) => item.index), [0, 1]);
      const tokens = await client.embeddings.create({ model: embeddingModel, input: [[15339, 1917]], encoding_format: 'float' }); // cl100k_base "hello world"
      const text = await client.embeddings.create({ model: embeddingModel, input: 'hello world', encoding_format: 'float' });
      assertSameVector(tokens.data[0].embedding, text.data[0].embedding);
    },
    'chat.completions with collection_ids and citations': async () => {
      const completion = await client.chat.completions.create({ ...grounded, messages: [{ role: 'user', content: beeQuestion }] });
      assert.ok(completion.choices[0].message.content.includes(beeQuote), completion.choices[0].message.content);
      assert.equal(completion.choices[0].finish_reason, 'stop');
      assert.ok(completion.citations.length > 0);
      assert.ok(completion.usage.total_tokens > 0);
    },
    'chat.completions stream with usage': async () => {
      const stream = await client.chat.completions.create({
        ...grounded, messages: [{ role: 'user', content: beeQuestion }], stream: true, stream_options: { include_usage: true },
      });
      let text = '';
      let usage = null;
      let finish = null;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
        usage = chunk.usage ?? usage;
      }
      assert.ok(text.includes(beeQuote), text);
      assert.equal(finish, 'stop');
      assert.ok(usage.completion_tokens > 0);
    },
    'chat tool calling loop (configured model)': async () => {
      const messages = [{ role: 'user', content: 'Weather in Paris?' }];
      const first = await client.chat.completions.create({ model: toolModel, messages, tools: [weatherTool] });
      const call = first.choices[0].message.tool_calls[0];
      assert.equal(call.function.name, 'get_weather');
      assert.deepEqual(JSON.parse(call.function.arguments), JSON.parse(toolArguments));
      messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '22 C' });
      const second = await client.chat.completions.create({ model: toolModel, messages, tools: [weatherTool] });
      assert.equal(second.choices[0].message.content, upstreamAnswer);
    },
    'chat streamed tool-call deltas (configured model)': async () => {
      const stream = client.chat.completions.stream({ model: toolModel, messages: [{ role: 'user', content: 'Weather?' }], tools: [weatherTool] });
      const completion = await stream.finalChatCompletion();
      assert.equal(completion.choices[0].message.tool_calls[0].function.arguments, toolArguments);
    },
    'chat structured output json_schema (configured model)': async () => {
      const completion = await client.chat.completions.create({
        model: toolModel,
        messages: [{ role: 'user', content: 'Structured?' }],
        response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object', properties: { answer: { type: 'string' } } } } },
      });
      assert.deepEqual(JSON.parse(completion.choices[0].message.content), JSON.parse(structuredAnswer));
    },
    'extractive model refuses tools': async () => {
      await assert.rejects(client.chat.completions.create({ model: 'extractive', messages: [{ role: 'user', content: 'hi' }], tools: [weatherTool] }),
        (error) => error instanceof OpenAI.BadRequestError && error.param === 'tools' && error.code === 'unsupported_parameter');
    },
    'errors: unknown model and bad key': async () => {
      await assert.rejects(client.models.retrieve('no-such-model'), (error) => error instanceof OpenAI.NotFoundError && error.code === 'model_not_found');
      const stranger = new OpenAI({ baseURL, apiKey: 'not-a-key', maxRetries: 0 });
      await assert.rejects(stranger.models.list(), (error) => error instanceof OpenAI.AuthenticationError);
    },
    'responses.create': async () => {
      const response = await client.responses.create({ ...grounded, instructions: 'Answer from the sources.', input: beeQuestion });
      assert.equal(response.status, 'completed');
      assert.ok(response.output_text.includes(beeQuote), response.output_text);
      assert.ok(response.citations.length > 0);
    },
    'responses stream': async () => {
      const stream = await client.responses.create({ ...grounded, input: beeQuestion, stream: true });
      let text = '';
      let completed = null;
      for await (const event of stream) {
        if (event.type === 'response.output_text.delta') text += event.delta;
        if (event.type === 'response.completed') completed = event.response;
      }
      assert.ok(text.includes(beeQuote), text);
      assert.equal(completed.output[0].content[0].text, text);
    },
    'responses stored: retrieve, previous_response_id, delete': async () => {
      const first = await client.responses.create({ model: toolModel, input: 'First question' });
      const retrieved = await client.responses.retrieve(first.id);
      assert.equal(retrieved.output_text, first.output_text);
      const second = await client.responses.create({ model: toolModel, input: 'Second question', previous_response_id: first.id });
      assert.equal(second.previous_response_id, first.id);
      await client.responses.delete(first.id);
      await assert.rejects(client.responses.retrieve(first.id), (error) => error instanceof OpenAI.NotFoundError);
    },
    'responses function tool loop (configured model)': async () => {
      const tools = [{ type: 'function', name: 'get_weather', parameters: weatherTool.function.parameters, strict: false }];
      const called = await client.responses.create({ model: toolModel, input: 'Weather in Paris?', tools });
      const call = called.output.find((item) => item.type === 'function_call');
      assert.equal(call.arguments, toolArguments);
      const answered = await client.responses.create({
        model: toolModel, tools, previous_response_id: called.id,
        input: [{ type: 'function_call_output', call_id: call.call_id, output: '22 C' }],
      });
      assert.equal(answered.output_text, upstreamAnswer);
    },
  };

  return Object.fromEntries(Object.entries(cases).map(([operation, run]) => [`${label} › ${operation}`, run]));
}
