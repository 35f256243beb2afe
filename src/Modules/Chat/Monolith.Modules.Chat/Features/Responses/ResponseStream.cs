using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Features.ChatCompletions;

namespace Monolith.Modules.Chat.Features.Responses;

/// <summary>The Responses API's typed server-sent events (<c>event:</c> name, <c>type</c> and <c>sequence_number</c> in the data), in OpenAI's order.</summary>
internal sealed class ResponseStream(HttpContext http, ResponseShape shape, CancellationToken cancellationToken)
{
    private int _sequence;

    public async Task StartAsync()
    {
        CompletionStream.Start(http);
        await WriteAsync("response.created", new JsonObject { ["response"] = shape.InProgress() });
        await WriteAsync("response.in_progress", new JsonObject { ["response"] = shape.InProgress() });
    }

    public async Task StartMessageAsync(int index)
    {
        await WriteAsync("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = shape.Message(null, "in_progress", index) });
        await WriteAsync("response.content_part.added", Part(index, "part", ResponseShape.TextPart("")));
    }

    public Task TextDeltaAsync(int index, string text) => WriteAsync("response.output_text.delta", Part(index, "delta", text));

    public async Task EndMessageAsync(int index, JsonObject message)
    {
        var text = message["content"]![0]!["text"]!.GetValue<string>();
        await WriteAsync("response.output_text.done", Part(index, "text", text));
        await WriteAsync("response.content_part.done", Part(index, "part", ResponseShape.TextPart(text)));
        await WriteAsync("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = message.DeepClone() });
    }

    public Task StartFunctionCallAsync(int index, JsonNode? callId, JsonNode? name) => WriteAsync("response.output_item.added", new JsonObject
    {
        ["output_index"] = index,
        ["item"] = shape.FunctionCall(callId?.DeepClone(), name?.DeepClone(), "", "in_progress", index),
    });

    public Task ArgumentsDeltaAsync(int index, string delta) =>
        WriteAsync("response.function_call_arguments.delta", new JsonObject { ["item_id"] = shape.FunctionCallId(index), ["output_index"] = index, ["delta"] = delta });

    public async Task EndFunctionCallAsync(int index, JsonObject call)
    {
        await WriteAsync("response.function_call_arguments.done", new JsonObject
        {
            ["item_id"] = call["id"]!.DeepClone(),
            ["output_index"] = index,
            ["arguments"] = call["arguments"]?.DeepClone(),
        });
        await WriteAsync("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = call.DeepClone() });
    }

    /// <summary>The done events of the finished response's item at <paramref name="index"/>, a message or a function call.</summary>
    public Task EndItemAsync(int index, JsonObject item) =>
        item["type"]!.GetValue<string>() == "message" ? EndMessageAsync(index, item) : EndFunctionCallAsync(index, item);

    public Task EndAsync(JsonObject done) =>
        WriteAsync(done["status"]!.GetValue<string>() == "completed" ? "response.completed" : "response.incomplete", new JsonObject { ["response"] = done.DeepClone() });

    /// <summary>A response finished before the stream began (relayed, the upstream answered whole): every item's events at once.</summary>
    public async Task WriteFinishedAsync(JsonObject done)
    {
        await StartAsync();
        var output = done["output"]!.AsArray();
        for (var index = 0; index < output.Count; index++)
        {
            var item = output[index]!.AsObject();
            if (item["type"]!.GetValue<string>() == "message")
            {
                await StartMessageAsync(index);
                await TextDeltaAsync(index, item["content"]![0]!["text"]!.GetValue<string>());
            }
            else
            {
                await StartFunctionCallAsync(index, item["call_id"], item["name"]);
                await ArgumentsDeltaAsync(index, item["arguments"]?.GetValue<string>() ?? "");
            }

            await EndItemAsync(index, item);
        }

        await EndAsync(done);
    }

    /// <summary>A failure after the stream began: OpenAI's <c>error</c> event, then the stream ends.</summary>
    public Task ErrorAsync(ProblemException problem) => WriteEventAsync("error", JsonSerializer.Serialize(
        new { type = "error", code = problem.Type.Replace('-', '_'), message = problem.Message, param = problem.Param, sequence_number = _sequence },
        CompletionStream.Json), CancellationToken.None);

    private JsonObject Part(int index, string name, JsonNode value) => new()
    {
        ["item_id"] = shape.MessageId(index),
        ["output_index"] = index,
        ["content_index"] = 0,
        [name] = value,
    };

    private JsonObject Part(int index, string name, string value) => Part(index, name, JsonValue.Create(value));

    private Task WriteAsync(string type, JsonObject data)
    {
        data["type"] = type;
        data["sequence_number"] = _sequence++;
        return WriteEventAsync(type, data.ToJsonString(CompletionStream.Json), cancellationToken);
    }

    private async Task WriteEventAsync(string type, string data, CancellationToken token)
    {
        await http.Response.WriteAsync($"event: {type}\ndata: {data}\n\n", token);
        await http.Response.Body.FlushAsync(token);
    }
}
