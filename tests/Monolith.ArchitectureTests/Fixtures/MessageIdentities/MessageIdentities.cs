using System.Runtime.Serialization;

namespace Monolith.ArchitectureTests.Fixtures.MessageIdentities;

[DataContract(Namespace = "fixture", Name = "identified.v1")]
public sealed record IdentifiedMessage(Guid Id);

/// <summary>Not a message: enums and static classes need no identity.</summary>
public enum Unidentified
{
    None,
}

public static class MessageConstants
{
    public const string Namespace = "fixture";
}

/// <summary>Violation: no [DataContract], so its identity would follow its CLR name.</summary>
public sealed record UnmarkedMessage(Guid Id);

/// <summary>Violation: no Name.</summary>
[DataContract(Namespace = "fixture")]
public sealed record NamelessMessage(Guid Id);

/// <summary>Violation: no Namespace.</summary>
[DataContract(Name = "namespaceless.v1")]
public sealed record NamespacelessMessage(Guid Id);

/// <summary>Violation: the identity of the Users module's real UserDeleted.</summary>
[DataContract(Namespace = "monolith.users", Name = "user-deleted.v1")]
public sealed record ImpostorUserDeleted(Guid UserId);
