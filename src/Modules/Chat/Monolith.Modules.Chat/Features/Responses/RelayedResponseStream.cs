using System.Text;
using System.Text.Json.Nodes;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Features.ChatCompletions;

namespace Monolith.Modules.Chat.Features.Responses;

/// <summary>
/// A relayed upstream's streamed chat completion as the Responses API's events, live: content deltas become
/// <c>response.output_text.delta</c> on the message item, tool-call deltas a function_call item each
/// (<c>response.output_item.added</c> when its id and name arrive, then <c>response.function_call_arguments.delta</c>
/// per piece). When the upstream finishes, the response is finished (stored), its items' done events follow and
/// <c>response.completed</c> ends the stream; a failure midway is an <c>error</c> event and nothing is stored. The
/// usage is recorded either way, as the chat relay does.
/// </summary>
internal sealed class RelayedResponseStream(ResponseStream stream, RelayedRun run)
{
    private readonly StringBuilder _text = new();
    private readonly SortedDictionary<int, ToolCall> _calls = [];
    private int _items;
    private int? _messageIndex;
    private JsonNode? _usage;
    private bool _cut;

    public async Task WriteAsync(Func<ResponseOutcome, Task<JsonObject>> finish, CancellationToken cancellationToken)
    {
        await stream.StartAsync();
        try
        {
            await foreach (var chunk in CompletionRelay.ChunksAsync(run, cancellationToken))
            {
                await ReadAsync(chunk);
            }

            var done = await finish(Outcome());
            var output = done["output"]!.AsArray();
            if (_messageIndex is null && output.Count > _calls.Count)
            {
                await stream.StartMessageAsync(0); // no text and no tool call: the empty message the response holds
            }

            for (var index = 0; index < output.Count; index++)
            {
                await stream.EndItemAsync(index, output[index]!.AsObject());
            }

            await stream.EndAsync(done);
        }
        catch (ProblemException problem)
        {
            await stream.ErrorAsync(problem);
        }

        await CompletionRelay.RecordUsageAsync(run, _usage, _text.ToString());
    }

    private async Task ReadAsync(JsonObject chunk)
    {
        _usage = chunk["usage"] is JsonObject usage ? usage.DeepClone() : _usage;

        // A Responses answer is one choice: the first.
        if ((chunk["choices"] as JsonArray)?.FirstOrDefault(choice => Count(choice?["index"]) == 0) is not JsonObject choice)
        {
            return;
        }

        _cut |= choice["finish_reason"]?.ToString() == "length";
        if (choice["delta"]?["content"] is JsonValue content && content.TryGetValue<string>(out var text) && text.Length > 0)
        {
            if (_messageIndex is null)
            {
                _messageIndex = _items++;
                await stream.StartMessageAsync(_messageIndex.Value);
            }

            _text.Append(text);
            await stream.TextDeltaAsync(_messageIndex.Value, text);
        }

        foreach (var delta in choice["delta"]?["tool_calls"] as JsonArray ?? [])
        {
            var key = (int)Count(delta?["index"]);
            if (!_calls.TryGetValue(key, out var call))
            {
                call = new ToolCall(_items++, delta?["id"]?.DeepClone(), delta?["function"]?["name"]?.DeepClone());
                _calls[key] = call;
                await stream.StartFunctionCallAsync(call.OutputIndex, call.Id, call.Name);
            }

            if (delta?["function"]?["arguments"] is JsonValue arguments && arguments.TryGetValue<string>(out var piece) && piece.Length > 0)
            {
                call.Arguments.Append(piece);
                await stream.ArgumentsDeltaAsync(call.OutputIndex, piece);
            }
        }
    }

    private ResponseOutcome Outcome()
    {
        var calls = new JsonArray(_calls.Values.Select(call => (JsonNode)new JsonObject
        {
            ["id"] = call.Id?.DeepClone(),
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = call.Name?.DeepClone(), ["arguments"] = call.Arguments.ToString() },
        }).ToArray());
        var text = _text.ToString();
        return new ResponseOutcome(_messageIndex is null ? null : text, calls, Count(_usage?["prompt_tokens"]), Count(_usage?["completion_tokens"]), _cut, CompletionRelay.Citations(text, run.Sources))
        {
            TextAfterToolCalls = _messageIndex > 0,
        };
    }

    private static long Count(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var count) ? count : 0;

    /// <summary>A tool call as its deltas arrive; its place in the output is fixed when it first appears.</summary>
    private sealed record ToolCall(int OutputIndex, JsonNode? Id, JsonNode? Name)
    {
        public StringBuilder Arguments { get; } = new();
    }
}
