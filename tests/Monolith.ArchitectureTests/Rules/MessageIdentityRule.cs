using System.Reflection;
using System.Runtime.Serialization;
using Monolith.BuildingBlocks.Messaging;

namespace Monolith.ArchitectureTests.Rules;

/// <summary>
/// Rule 3: every contract message carries <c>[DataContract(Namespace, Name)]</c>, its stable wire
/// identity (what Wolverine's [MessageIdentity] would be; contracts may not reference Wolverine),
/// and no two contracts share an identity. A message type is any public class or struct of a
/// contracts assembly except static classes and enums; records nested in a reply count too, which
/// costs one attribute and spares the rule from guessing which types travel on their own.
/// </summary>
public static class MessageIdentityRule
{
    public static IReadOnlyList<Type> MessageTypes(Assembly assembly, string contractsNamespace) =>
        Conventions.TypesIn(assembly, contractsNamespace)
            .Where(type => type.IsVisible && !type.IsInterface && !type.IsEnum && !Conventions.IsStatic(type))
            .ToList();

    /// <summary>
    /// Input: the messages to check and every message they must not collide with (all contracts of
    /// all modules; may include <paramref name="messages"/> themselves).
    /// </summary>
    public static IReadOnlyList<string> Violations(IEnumerable<Type> messages, IEnumerable<Type> allMessages)
    {
        var identities = allMessages.Distinct()
            .Select(type => (Type: type, Identity: ContractMessageNaming.IdentityOf(type)))
            .Where(entry => entry.Identity is not null)
            .ToLookup(entry => entry.Identity!, entry => entry.Type, StringComparer.Ordinal);

        var violations = new List<string>();
        foreach (var type in messages)
        {
            var contract = type.GetCustomAttribute<DataContractAttribute>();
            if (contract is null)
            {
                violations.Add($"{type.FullName} has no [DataContract(Namespace, Name)]: its wire identity would follow its CLR name");
                continue;
            }

            if (string.IsNullOrWhiteSpace(contract.Namespace))
            {
                violations.Add($"{type.FullName} has a [DataContract] without a Namespace");
            }

            if (string.IsNullOrWhiteSpace(contract.Name))
            {
                violations.Add($"{type.FullName} has a [DataContract] without a Name");
            }

            if (ContractMessageNaming.IdentityOf(type) is { } identity)
            {
                var others = identities[identity].Where(other => other != type).Select(other => other.FullName).ToList();
                if (others.Count > 0)
                {
                    violations.Add($"{type.FullName} has identity {identity}, also used by {string.Join(", ", others)}");
                }
            }
        }

        return violations;
    }
}
