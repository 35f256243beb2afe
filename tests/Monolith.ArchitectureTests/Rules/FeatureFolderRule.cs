using System.Text.RegularExpressions;

namespace Monolith.ArchitectureTests.Rules;

/// <summary>
/// Rule 9: a module is organised by use case. Every MediatR handler, validator and endpoint lives in
/// <c>&lt;module&gt;.Features.&lt;UseCase&gt;</c>, and a handler sits in the same folder as the request it handles.
/// </summary>
public static class FeatureFolderRule
{
    /// <summary>Input: the module's root namespace (<c>Monolith.Modules.&lt;Name&gt;</c>) and its types.</summary>
    public static IReadOnlyList<string> Violations(string rootNamespace, IEnumerable<Type> types)
    {
        var featureFolder = new Regex($@"^{Regex.Escape(rootNamespace)}\.Features\.[A-Z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);
        var violations = new List<string>();
        foreach (var type in types.Where(type => !Conventions.IsCompilerGenerated(type)))
        {
            var isHandler = Conventions.IsRequestHandler(type);
            if (!isHandler && !Conventions.IsValidator(type) && !Conventions.IsEndpoint(type))
            {
                continue;
            }

            if (!featureFolder.IsMatch(type.Namespace ?? ""))
            {
                violations.Add($"{type.FullName} is in {type.Namespace}, not in a feature folder {rootNamespace}.Features.<UseCase>");
                continue;
            }

            if (!isHandler)
            {
                continue;
            }

            foreach (var request in Conventions.HandledRequests(type).Where(request => request.Namespace != type.Namespace))
            {
                violations.Add($"{type.FullName} handles {request.FullName} from another folder: a use case's request and handler sit together");
            }
        }

        return violations;
    }
}
