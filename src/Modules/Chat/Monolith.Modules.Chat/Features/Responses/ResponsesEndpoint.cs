using System.Text.Json;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Security;
using Monolith.Modules.Chat.Answering;
using Monolith.Modules.Chat.Features.ChatCompletions;

namespace Monolith.Modules.Chat.Features.Responses;

/// <summary>
/// <c>POST /v1/responses</c>: the same answer as a chat completion (retrieval, citations, the model's limits), in the
/// Responses API's shape; streamed as its typed events (<c>response.created</c> … <c>response.output_text.delta</c> …
/// <c>response.completed</c>, failures as an <c>error</c> event). Nothing is stored, so there is no GET by id yet.
/// </summary>
internal static class ResponsesEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/responses", async (ResponseRequest request, HttpContext http, ICurrentUser caller, IMediator mediator, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            var run = (AnsweredRun)await mediator.Send(new CreateChatCompletion(caller.Id, request.ToChatCompletion()), cancellationToken);
            var response = new ResponseShape("resp_" + Guid.NewGuid().ToString("N"), "msg_" + Guid.NewGuid().ToString("N"),
                clock.GetUtcNow().ToUnixTimeSeconds(), run.Model.Name, request);
            if (request.Stream != true)
            {
                AnswerCompleted? completed = null;
                await foreach (var answerEvent in run.Events.WithCancellation(cancellationToken))
                {
                    completed = answerEvent as AnswerCompleted ?? completed;
                }

                return Results.Text(response.Done(completed!).ToJsonString(CompletionStream.Json), "application/json");
            }

            await StreamAsync(http, run, response, cancellationToken);
            return Results.Empty;
        })
        .WithName("CreateResponse")
        .WithSummary("Create a model response (OpenAI Responses API, streaming included); \"collection_ids\" grounds it in your collections")
        .Produces(StatusCodes.Status400BadRequest)
        .Produces(StatusCodes.Status401Unauthorized)
        .Produces(StatusCodes.Status404NotFound)
        .Produces(StatusCodes.Status502BadGateway)
        .Produces(StatusCodes.Status504GatewayTimeout);

    private static async Task StreamAsync(HttpContext http, AnsweredRun run, ResponseShape response, CancellationToken cancellationToken)
    {
        await using var events = run.Events.GetAsyncEnumerator(cancellationToken);
        var more = await events.MoveNextAsync(); // the first event before the response starts: an upstream failure is still a proper 502/504
        CompletionStream.Start(http);
        var sequence = 0;
        Task WriteAsync(string type, JsonObject data)
        {
            data["type"] = type;
            data["sequence_number"] = sequence++;
            return WriteEventAsync(http, type, data.ToJsonString(CompletionStream.Json), cancellationToken);
        }

        JsonObject Part(string text) => new() { ["item_id"] = response.MessageId, ["output_index"] = 0, ["content_index"] = 0, ["text"] = text };
        try
        {
            await WriteAsync("response.created", new JsonObject { ["response"] = response.InProgress() });
            await WriteAsync("response.in_progress", new JsonObject { ["response"] = response.InProgress() });
            await WriteAsync("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = response.Message("", "in_progress", []) });
            await WriteAsync("response.content_part.added", new JsonObject
            {
                ["item_id"] = response.MessageId,
                ["output_index"] = 0,
                ["content_index"] = 0,
                ["part"] = ResponseShape.TextPart(""),
            });
            while (more)
            {
                switch (events.Current)
                {
                    case AnswerDelta delta:
                        var data = Part(delta.Text);
                        data.Remove("text");
                        data["delta"] = delta.Text;
                        await WriteAsync("response.output_text.delta", data);
                        break;
                    case AnswerCompleted completed:
                        await WriteAsync("response.output_text.done", Part(completed.Text));
                        await WriteAsync("response.content_part.done", new JsonObject
                        {
                            ["item_id"] = response.MessageId,
                            ["output_index"] = 0,
                            ["content_index"] = 0,
                            ["part"] = ResponseShape.TextPart(completed.Text),
                        });
                        var done = response.Done(completed);
                        await WriteAsync("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = done["output"]![0]!.DeepClone() });
                        await WriteAsync(done["status"]!.GetValue<string>() == "completed" ? "response.completed" : "response.incomplete", new JsonObject { ["response"] = done });
                        break;
                }

                more = await events.MoveNextAsync();
            }
        }
        catch (ProblemException problem)
        {
            await WriteEventAsync(http, "error", JsonSerializer.Serialize(
                new { type = "error", code = problem.Type.Replace('-', '_'), message = problem.Message, param = (string?)null, sequence_number = sequence }, CompletionStream.Json),
                CancellationToken.None);
        }
    }

    private static async Task WriteEventAsync(HttpContext http, string type, string data, CancellationToken cancellationToken)
    {
        await http.Response.WriteAsync($"event: {type}\ndata: {data}\n\n", cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}

/// <summary>The Responses API's response object for one answer: one assistant message with one output_text part.</summary>
internal sealed record ResponseShape(string Id, string MessageId, long CreatedAt, string Model, ResponseRequest Request)
{
    public static JsonObject TextPart(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };

    public JsonObject Message(string text, string status, JsonArray content) => new()
    {
        ["type"] = "message",
        ["id"] = MessageId,
        ["status"] = status,
        ["role"] = "assistant",
        ["content"] = content,
    };

    public JsonObject InProgress() => Envelope("in_progress", new JsonArray(), null, null);

    /// <summary>"incomplete" with reason max_output_tokens when the answer was cut, as OpenAI reports it.</summary>
    public JsonObject Done(AnswerCompleted completed)
    {
        var cut = completed.FinishReason == ChatFinishReason.Length;
        var status = cut ? "incomplete" : "completed";
        var envelope = Envelope(status, new JsonArray(Message(completed.Text, status, new JsonArray(TextPart(completed.Text)))),
            new JsonObject
            {
                ["input_tokens"] = completed.Usage.InputTokenCount ?? 0,
                ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
                ["output_tokens"] = completed.Usage.OutputTokenCount ?? 0,
                ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
                ["total_tokens"] = completed.Usage.TotalTokenCount ?? 0,
            },
            cut ? new JsonObject { ["reason"] = "max_output_tokens" } : null);
        envelope["citations"] = JsonSerializer.SerializeToNode(completed.Citations, CompletionStream.Json);
        return envelope;
    }

    private JsonObject Envelope(string status, JsonArray output, JsonObject? usage, JsonObject? incomplete) => new()
    {
        ["id"] = Id,
        ["object"] = "response",
        ["created_at"] = CreatedAt,
        ["status"] = status,
        ["error"] = null,
        ["incomplete_details"] = incomplete,
        ["instructions"] = Request.Instructions,
        ["max_output_tokens"] = Request.MaxOutputTokens,
        ["model"] = Model,
        ["output"] = output,
        ["parallel_tool_calls"] = true,
        ["previous_response_id"] = null,
        ["store"] = false,
        ["temperature"] = Request.Temperature,
        ["text"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "text" } },
        ["tool_choice"] = "auto",
        ["tools"] = new JsonArray(),
        ["top_p"] = 1.0,
        ["truncation"] = "disabled",
        ["usage"] = usage,
        ["metadata"] = new JsonObject(),
    };
}
