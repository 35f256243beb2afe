using Microsoft.Extensions.Hosting;
using Wolverine.Runtime;

namespace Monolith.BuildingBlocks.Messaging;

/// <summary>
/// Builds the handlers of this process's <see cref="ProcessBroadcasts"/> as soon as it has started. Wolverine builds a
/// handler when its first message arrives, which in Dynamic mode means a Roslyn compilation: seconds on an idle
/// machine, 10-20 s on a loaded one, all of it added to the first revocation a process applies. Built here, off the
/// request path, a broadcast is applied when it arrives.
/// </summary>
internal sealed class BroadcastHandlerWarmUp(IWolverineRuntime runtime, ProcessBroadcasts broadcasts, IHostApplicationLifetime lifetime)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WhenStartedAsync(stoppingToken);
        if (runtime is not WolverineRuntime { Handlers: var handlers })
        {
            return;
        }

        foreach (var messageType in broadcasts.MessageTypes)
        {
            stoppingToken.ThrowIfCancellationRequested();
            await Task.Run(() => handlers.HandlerFor(messageType), stoppingToken);
        }
    }

    // Every hosted service, Wolverine's runtime included, has started then.
    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }
}
