using System.Reflection;
using System.Runtime.Serialization;
using Wolverine.Util;

namespace Monolith.BuildingBlocks.Messaging;

/// <summary>
/// Gives every contract a stable wire identity from its BCL <see cref="DataContractAttribute"/>
/// ("{Namespace}.{Name}", e.g. "monolith.users.user-deleted.v1"), so contracts can move between
/// assemblies or namespaces without breaking stored or in-flight messages. Contracts may not
/// reference Wolverine, so Wolverine's own [MessageIdentity] attribute is not available to them.
/// </summary>
public sealed class ContractMessageNaming : IMessageTypeNaming
{
    public static string? IdentityOf(Type type)
    {
        var contract = type.GetCustomAttribute<DataContractAttribute>();
        if (contract is null || string.IsNullOrWhiteSpace(contract.Name) || string.IsNullOrWhiteSpace(contract.Namespace))
        {
            return null;
        }

        return $"{contract.Namespace}.{contract.Name}";
    }

    public bool TryDetermineName(Type messageType, out string messageTypeName)
    {
        messageTypeName = IdentityOf(messageType)!;
        return messageTypeName is not null;
    }
}
