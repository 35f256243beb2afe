using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Monolith.BuildingBlocks.Application;
using Monolith.Modules.Chat.Models;

namespace Monolith.Modules.Chat.Answering;

internal static class ModelCalls
{
    /// <summary>
    /// The model's streamed answer with upstream failures turned into clear problems (502/504). The
    /// caller's token flows to the upstream call, so a client that disconnects cancels it.
    /// </summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        ChatModel model, PreparedAnswer prepared, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var updates = model.Client.GetStreamingResponseAsync(prepared.Messages, prepared.Options, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (Exception exception) when (UpstreamProblem.For(model.Name, exception, cancellationToken) is { } problem)
            {
                throw problem;
            }

            yield return updates.Current;
        }
    }
}
