namespace Monolith.Modules.Chat.Answering;

/// <summary>A retrieved chunk as numbered in the prompt ("[1]") and cited in answers.</summary>
internal sealed record Source(int Number, Guid DocumentId, Guid ChunkId, string? Title, string Text, double Score);
