using System.Runtime.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Monolith.ArchitectureTests.Fixtures.Contracts;

[DataContract(Namespace = "fixture", Name = "well-formed.v1")]
public sealed record WellFormedMessage(Guid Id, IReadOnlyList<string> Tags, MessageKind Kind);

public enum MessageKind
{
    Created,
}

/// <summary>Violation: an EF Core type in a contract.</summary>
public sealed record MessageWithEfType(DbContext Context);

/// <summary>Violation: open for inheritance.</summary>
public record UnsealedMessage(Guid Id);

/// <summary>Violation: a contracts assembly has no internal types.</summary>
internal sealed record HiddenMessage(Guid Id);

/// <summary>Violation: settable state.</summary>
public sealed class MutableMessage
{
    public string Name { get; set; } = "";

    public string Stable { get; init; } = "";
}
