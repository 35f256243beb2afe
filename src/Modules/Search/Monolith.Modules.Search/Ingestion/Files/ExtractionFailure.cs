namespace Monolith.Modules.Search.Ingestion.Files;

/// <summary>A file that cannot be extracted; the message is the reason a user reads on the failed document.</summary>
internal sealed class ExtractionFailure(string reason) : Exception(reason);
