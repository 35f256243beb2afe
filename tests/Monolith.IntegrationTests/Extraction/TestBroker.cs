using Monolith.Modules.Chat;
using Monolith.Modules.Embeddings;
using Monolith.Modules.Search;
using Monolith.Modules.Users;
using RabbitMQ.Client;

namespace Monolith.IntegrationTests.Extraction;

/// <summary>
/// The test RabbitMQ's objects of one shape: each module's durable queues "&lt;prefix&gt;.&lt;module&gt;" and its ".requests" outlive
/// the processes (that is its point), so a test deletes its own, or every run would leave them on the developer's broker.
/// </summary>
internal static class TestBroker
{
    private static readonly string[] ModuleNames =
        [new UsersModule().Name, new EmbeddingsModule().Name, new SearchModule().Name, new ChatModule().Name];

    public static async Task DeleteQueuesAsync(string prefix)
    {
        var factory = new ConnectionFactory { Uri = new Uri(PlatformShape.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var module in ModuleNames)
        {
            await channel.QueueDeleteAsync($"{prefix}.{module.ToLowerInvariant()}");
            await channel.QueueDeleteAsync($"{prefix}.{module.ToLowerInvariant()}.requests"); // ADR 59
        }

        await channel.ExchangeDeleteAsync($"{prefix}.broadcast");
    }
}
