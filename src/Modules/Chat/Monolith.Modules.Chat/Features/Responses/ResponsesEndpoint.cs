using System.Text.Json;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Application;
using Monolith.BuildingBlocks.Quotas;
using Monolith.BuildingBlocks.Security;
using Monolith.Modules.Chat.Answering;
using Monolith.Modules.Chat.Features.ChatCompletions;

namespace Monolith.Modules.Chat.Features.Responses;

/// <summary>
/// <c>POST /v1/responses</c>: the chat completion the request means (retrieval, citations, the model's limits; tools
/// and structured output relayed to a configured model), in the Responses API's shape; streamed as its typed events
/// (<c>response.created</c> … <c>response.output_text.delta</c> … <c>response.completed</c>, failures as an
/// <c>error</c> event). Stored unless <c>store: false</c>, once finished, for GET and <c>previous_response_id</c>.
/// </summary>
internal static class ResponsesEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/responses", async (ResponseRequest request, HttpContext http, ICurrentUser caller, IMediator mediator, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            var prepared = await mediator.Send(new PrepareResponse(caller.Id, request), cancellationToken);
            var run = await mediator.Send(new CreateChatCompletion(caller.Id, prepared.Completion), cancellationToken);
            var shape = new ResponseShape(Guid.NewGuid(), clock.GetUtcNow().ToUnixTimeSeconds(), run.Model.Name, request);
            var answer = new Answer(caller.Id, shape, prepared, mediator);
            if (run is RelayedRun relayed)
            {
                using var upstream = relayed.Response;
                var stream = new ResponseStream(http, shape, cancellationToken);
                if (request.Stream == true && CompletionRelay.IsStream(upstream))
                {
                    await new RelayedResponseStream(stream, relayed).WriteAsync(outcome => answer.DoneAsync(outcome, cancellationToken), cancellationToken);
                    return Results.Empty;
                }

                // Asked to stream, an upstream may still answer one completion: its items' events then come at once.
                var whole = ResponseOutcome.Of(await CompletionRelay.CompletionAsync(relayed, cancellationToken));
                if (request.Stream != true)
                {
                    return Results.Text(await answer.FinishAsync(whole, cancellationToken), "application/json");
                }

                await stream.WriteFinishedAsync(await answer.DoneAsync(whole, cancellationToken));
                return Results.Empty;
            }

            var events = ((AnsweredRun)run).Events;
            if (request.Stream != true)
            {
                return Results.Text(await answer.FinishAsync(ResponseOutcome.Of(await events.CompletedAsync(cancellationToken)), cancellationToken), "application/json");
            }

            await StreamAsync(http, events, shape, answer, cancellationToken);
            return Results.Empty;
        })
        .WithName("CreateResponse")
        .WithMetadata(new MeteredAs(MeteredAs.Chat))
        .WithSummary("Create a model response (OpenAI Responses API, streaming included); \"collection_ids\" grounds it in your collections")
        .Produces(StatusCodes.Status400BadRequest)
        .Produces(StatusCodes.Status401Unauthorized)
        .Produces(StatusCodes.Status404NotFound)
        .Produces(StatusCodes.Status502BadGateway)
        .Produces(StatusCodes.Status504GatewayTimeout);

    private static async Task StreamAsync(HttpContext http, IAsyncEnumerable<AnswerEvent> answerEvents, ResponseShape shape, Answer answer, CancellationToken cancellationToken)
    {
        await using var events = answerEvents.GetAsyncEnumerator(cancellationToken);
        var more = await events.MoveNextAsync(); // the first event before the response starts: an upstream failure is still a proper 502/504
        var stream = new ResponseStream(http, shape, cancellationToken);
        try
        {
            await stream.StartAsync();
            await stream.StartMessageAsync(0);
            while (more)
            {
                switch (events.Current)
                {
                    case AnswerDelta delta:
                        await stream.TextDeltaAsync(0, delta.Text);
                        break;
                    case AnswerCompleted completed:
                        var done = await answer.DoneAsync(ResponseOutcome.Of(completed), cancellationToken);
                        await stream.EndMessageAsync(0, done["output"]![0]!.AsObject());
                        await stream.EndAsync(done);
                        break;
                }

                more = await events.MoveNextAsync();
            }
        }
        catch (ProblemException problem)
        {
            await stream.ErrorAsync(problem);
        }
    }

    /// <summary>The finished response object, stored first when the request asked for that (the default).</summary>
    private sealed class Answer(Guid userId, ResponseShape shape, PreparedResponse prepared, IMediator mediator)
    {
        public async Task<JsonObject> DoneAsync(ResponseOutcome outcome, CancellationToken cancellationToken)
        {
            var done = shape.Done(outcome);
            if (shape.Request.Stored)
            {
                var conversation = JsonSerializer.Serialize(prepared.Conversation.Append(outcome.AssistantMessage()), CompletionStream.Json);
                await mediator.Send(new StoreResponse(userId, shape.Key, done.ToJsonString(CompletionStream.Json), conversation), cancellationToken);
            }

            return done;
        }

        public async Task<string> FinishAsync(ResponseOutcome outcome, CancellationToken cancellationToken) =>
            (await DoneAsync(outcome, cancellationToken)).ToJsonString(CompletionStream.Json);
    }
}
