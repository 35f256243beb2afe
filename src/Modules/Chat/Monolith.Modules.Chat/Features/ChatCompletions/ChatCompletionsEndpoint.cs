using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;
using Monolith.BuildingBlocks.Quotas;
using Monolith.BuildingBlocks.Security;
using Monolith.BuildingBlocks.Web;
using Monolith.Modules.Chat.Answering;

namespace Monolith.Modules.Chat.Features.ChatCompletions;

internal static class ChatCompletionsEndpoint
{
    private static readonly JsonSerializerOptions Json = CompletionStream.Json;

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/chat/completions", async (ChatCompletionRequest request, HttpContext http, ICurrentUser caller, IMediator mediator, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            var outcome = await mediator.Send(new CreateChatCompletion(caller.Id, request), cancellationToken);
            if (outcome is RelayedRun relayed)
            {
                return await CompletionRelay.RespondAsync(http, relayed, cancellationToken);
            }

            var run = (AnsweredRun)outcome;
            var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
            var created = clock.GetUtcNow().ToUnixTimeSeconds();
            if (request.Stream != true)
            {
                var completed = await run.Events.CompletedAsync(cancellationToken);
                return Results.Json(new ChatCompletion(id, "chat.completion", created, run.Model.Name,
                    [new CompletionChoice(0, new CompletionMessageOut("assistant", completed.Text), null, FinishReason(completed.FinishReason))],
                    Usage(completed.Usage), completed.Citations), Json);
            }

            await StreamAsync(http, run, id, created, request.StreamOptions?.IncludeUsage == true, cancellationToken);
            return Results.Empty;
        })
        .WithName("CreateChatCompletion")
        .WithMetadata(new MeteredAs(MeteredAs.Chat))
        .WithSummary("Chat completion (OpenAI-compatible, streaming included); \"collection_ids\" grounds the answer in your collections")
        .Produces(StatusCodes.Status400BadRequest)
        .Produces(StatusCodes.Status401Unauthorized)
        .Produces(StatusCodes.Status404NotFound)
        .Produces(StatusCodes.Status502BadGateway)
        .Produces(StatusCodes.Status504GatewayTimeout);

    /// <summary>
    /// OpenAI's stream: chunks with <c>finish_reason: null</c>, a last chunk with the real reason, a
    /// usage chunk (empty choices) when asked for, then <c>data: [DONE]</c>. The first event is awaited
    /// before the response starts so an upstream failure still gets a proper error response.
    /// </summary>
    private static async Task StreamAsync(HttpContext http, AnsweredRun run, string id, long created, bool includeUsage, CancellationToken cancellationToken)
    {
        await using var events = run.Events.GetAsyncEnumerator(cancellationToken);
        var more = await events.MoveNextAsync();
        CompletionStream.Start(http);

        // With include_usage every chunk carries "usage": null but the last, which carries the usage; without it none has the field.
        Task WriteAsync(ChatCompletion chunk)
        {
            var node = JsonSerializer.SerializeToNode(chunk, Json)!.AsObject();
            if (includeUsage && chunk.Usage is null)
            {
                node["usage"] = null;
            }

            return CompletionStream.WriteDataAsync(http, node.ToJsonString(Json), cancellationToken);
        }

        ChatCompletion Chunk(CompletionDelta delta, string? finish) =>
            new(id, "chat.completion.chunk", created, run.Model.Name, [new CompletionChoice(0, null, delta, finish)], null);

        try
        {
            await WriteAsync(Chunk(new CompletionDelta("assistant", ""), null));
            while (more)
            {
                switch (events.Current)
                {
                    case AnswerDelta delta:
                        await WriteAsync(Chunk(new CompletionDelta(null, delta.Text), null));
                        break;
                    case AnswerCompleted completed:
                        await WriteAsync(Chunk(new CompletionDelta(null, null), FinishReason(completed.FinishReason)) with { Citations = completed.Citations });
                        if (includeUsage)
                        {
                            await WriteAsync(new ChatCompletion(id, "chat.completion.chunk", created, run.Model.Name, [], Usage(completed.Usage)));
                        }

                        break;
                }

                more = await events.MoveNextAsync();
            }
        }
        catch (Exception exception) when (ExceptionProblems.For(exception) is { } problem)
        {
            await CompletionStream.WriteErrorAsync(http, problem);
        }

        await CompletionStream.WriteDataAsync(http, "[DONE]", CancellationToken.None);
    }

    private static string FinishReason(ChatFinishReason reason) =>
        reason == ChatFinishReason.Length ? "length" : reason == ChatFinishReason.ContentFilter ? "content_filter" : "stop";

    private static CompletionUsage Usage(UsageDetails usage) =>
        new(usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0, usage.TotalTokenCount ?? ((usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0)));
}
