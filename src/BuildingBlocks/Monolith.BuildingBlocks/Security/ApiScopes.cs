namespace Monolith.BuildingBlocks.Security;

/// <summary>
/// What an API key may be limited to (ADR 42). A key created without scopes may do everything its owner may, as
/// keys always could; a key with scopes may use only the route families they name. Login tokens are never scoped.
/// </summary>
public static class ApiScopes
{
    /// <summary><c>POST /v1/embeddings</c>.</summary>
    public const string Embeddings = "embeddings";

    /// <summary>Reading collections, documents, files and evaluations, and searching them.</summary>
    public const string SearchRead = "search:read";

    /// <summary>Creating and deleting collections and documents, uploading files, running evaluations.</summary>
    public const string SearchWrite = "search:write";

    /// <summary>Conversations, <c>/v1/chat/completions</c> and <c>/v1/responses</c>.</summary>
    public const string Chat = "chat";

    /// <summary>The caller's own account under <c>/api/v1/users/me</c>: profile, API keys, deletion.</summary>
    public const string Account = "account";

    /// <summary>The admin routes (<c>/api/v1/admin</c>); only an admin may create a key with it.</summary>
    public const string Admin = "admin";

    /// <summary>The claim each of a scoped key's scopes becomes in the caller's principal.</summary>
    public const string ClaimType = "scope";

    /// <summary>The claim holding the expiry (ISO 8601) of the API key the caller authenticated with.</summary>
    public const string KeyExpiresAtClaimType = "key_expires_at";

    public static IReadOnlyList<string> All { get; } = [Embeddings, SearchRead, SearchWrite, Chat, Account, Admin];
}
