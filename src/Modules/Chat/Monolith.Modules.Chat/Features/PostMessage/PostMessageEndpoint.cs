using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Quotas;
using Monolith.BuildingBlocks.Security;
using Monolith.BuildingBlocks.Web;
using Monolith.Modules.Chat.Answering;

namespace Monolith.Modules.Chat.Features.PostMessage;

internal static class PostMessageEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/{id:guid}/messages", async (Guid id, PostMessageRequest request, HttpContext http, ICurrentUser caller, IMediator mediator,
            IOptions<JsonOptions> json, CancellationToken cancellationToken) =>
        {
            var streaming = http.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);
            var events = await mediator.Send(new PostMessage(caller.Id, id, request.Content), cancellationToken);
            if (!streaming)
            {
                MessageResponse? saved = null;
                await foreach (var answerEvent in events.WithCancellation(cancellationToken))
                {
                    saved = (answerEvent as MessageSaved)?.Message ?? saved;
                }

                return Results.Ok(saved);
            }

            await StreamAsync(http, events, json.Value.SerializerOptions, cancellationToken);
            return Results.Empty;
        })
        .WithName("PostMessage")
        .WithMetadata(new MeteredAs(MeteredAs.Chat))
        .WithSummary("Ask a question: the assistant message with citations, or with \"Accept: text/event-stream\" server-sent events " +
            "(\"delta\" events {content}, then one \"message\" event with the stored message, citations and usage)")
        .Produces<MessageResponse>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status502BadGateway)
        .ProducesProblem(StatusCodes.Status504GatewayTimeout);

    /// <summary>
    /// The first event is awaited before the response starts, so a failing upstream still gets a
    /// proper problem response; a failure after that can only be reported as an "error" event.
    /// </summary>
    private static async Task StreamAsync(HttpContext http, IAsyncEnumerable<AnswerEvent> events, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        await using var enumerator = events.GetAsyncEnumerator(cancellationToken);
        var more = await enumerator.MoveNextAsync();
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        try
        {
            while (more)
            {
                var (name, data) = enumerator.Current switch
                {
                    AnswerDelta delta => ("delta", JsonSerializer.Serialize(new { content = delta.Text }, json)),
                    MessageSaved saved => ("message", JsonSerializer.Serialize(saved.Message, json)),
                    _ => (null, null),
                };
                if (name is not null)
                {
                    await http.Response.WriteAsync($"event: {name}\ndata: {data}\n\n", cancellationToken);
                    await http.Response.Body.FlushAsync(cancellationToken);
                }

                more = await enumerator.MoveNextAsync();
            }
        }
        catch (Exception exception) when (ExceptionProblems.For(exception) is { } problem)
        {
            // E.g. the upstream failed, or the conversation or account was deleted mid-answer (409): the problem
            // document a request failing before the stream started gets, as the last event of a cleanly ended stream.
            var error = JsonSerializer.Serialize(problem, problem.GetType(), json);
            await http.Response.WriteAsync($"event: error\ndata: {error}\n\n", CancellationToken.None);
        }
    }
}
