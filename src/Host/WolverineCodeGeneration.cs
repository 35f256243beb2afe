using JasperFx.CodeGeneration;

namespace Monolith.Host;

/// <summary>How this process gets Wolverine's handler code: <c>Messaging:TypeLoadMode</c> (ADR 12).</summary>
internal static class WolverineCodeGeneration
{
    /// <summary>
    /// The configured mode (Dynamic by default), except that Static applies only to a process running every
    /// module. "codegen write" generates the handlers of all modules, and a process running fewer has other
    /// handler types: an event left with one subscriber gets a single handler named after the event (with that
    /// module's code in it), and Static would also register the disabled modules' handlers from the generated
    /// registry. Such a process compiles its own at run time instead.
    /// </summary>
    public static TypeLoadMode Mode(IConfiguration configuration, int enabledModules, int knownModules)
    {
        var mode = configuration.GetValue("Messaging:TypeLoadMode", TypeLoadMode.Dynamic);
        return mode == TypeLoadMode.Static && enabledModules < knownModules ? TypeLoadMode.Dynamic : mode;
    }
}
