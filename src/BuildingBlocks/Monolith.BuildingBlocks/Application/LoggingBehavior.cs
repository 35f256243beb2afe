using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Monolith.BuildingBlocks.Application;

/// <summary>Logs each use case by name and duration; never the request itself, which may hold secrets.</summary>
internal sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return await next();
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next();
        }
        finally
        {
            logger.LogDebug("Handled {Request} in {ElapsedMs:F1} ms", typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
