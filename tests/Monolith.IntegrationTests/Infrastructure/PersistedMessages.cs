using System.Text.Json;
using Npgsql;
using Wolverine.Runtime.Serialization;

namespace Monolith.IntegrationTests.Infrastructure;

/// <summary>Reads messages back from Wolverine's durable inbox in the test database, as stored on the wire.</summary>
public static class PersistedMessages
{
    /// <summary>Every stored incoming message with this wire name, deserialized from its stored JSON into <typeparamref name="T"/>.</summary>
    public static async Task<List<T>> ReadAsync<T>(TestDatabase database, string messageType)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT body FROM wolverine.wolverine_incoming_envelopes WHERE message_type = @type", connection);
        command.Parameters.AddWithValue("type", messageType);
        await using var reader = await command.ExecuteReaderAsync();

        var messages = new List<T>();
        while (await reader.ReadAsync())
        {
            var envelope = EnvelopeSerializer.Deserialize(reader.GetFieldValue<byte[]>(0));
            Assert.Equal(messageType, envelope.MessageType);
            Assert.Equal("application/json", envelope.ContentType);
            messages.Add(JsonSerializer.Deserialize<T>(envelope.Data!, JsonSerializerOptions.Web)!);
        }

        return messages;
    }
}
