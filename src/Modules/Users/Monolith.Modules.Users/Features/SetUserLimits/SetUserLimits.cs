using MediatR;
using Monolith.Modules.Users.Contracts;

namespace Monolith.Modules.Users.Features.SetUserLimits;

/// <summary>Values an admin sets for one user; a value left out (null) keeps the role's default.</summary>
internal sealed record SetUserLimits(Guid UserId, CallerLimits Limits) : IRequest<UserLimits>;

/// <summary>What the admin set, and what applies (their roles' defaults with it).</summary>
internal sealed record UserLimits(Guid UserId, CallerLimits Set, CallerLimits Effective);
