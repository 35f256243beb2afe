using MediatR;

namespace Monolith.Modules.Users.Features.IssueToken;

internal sealed record IssueToken(string Email, string Password) : IRequest<TokenResponse>;

internal sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
