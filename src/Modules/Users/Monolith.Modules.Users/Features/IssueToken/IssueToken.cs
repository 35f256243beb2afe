using MediatR;

namespace Monolith.Modules.Users.Features.IssueToken;

internal sealed record IssueTokenRequest(string Email, string Password);

/// <summary><paramref name="ClientAddress"/>: whose failures a wrong password adds to, besides the account's.</summary>
internal sealed record IssueToken(string Email, string Password, string ClientAddress) : IRequest<TokenResponse>;

internal sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
