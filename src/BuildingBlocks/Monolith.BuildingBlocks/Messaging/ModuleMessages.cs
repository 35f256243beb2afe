using System.Reflection;
using Monolith.BuildingBlocks.Modules;
using Wolverine;

namespace Monolith.BuildingBlocks.Messaging;

/// <summary>
/// One module's Wolverine handler for one contract message. <paramref name="Replies"/>: the handler returns an
/// answer, so the contract is a request its caller waits for (InvokeAsync), not a command or an event.
/// </summary>
public sealed record ModuleHandler(IModule Module, Type HandlerType, bool Replies = false);

/// <summary>
/// Which module handles which contract message, read from every module this binary knows (not just
/// the enabled ones), so a process can route a message to a module that runs elsewhere.
/// </summary>
public sealed class ModuleMessages
{
    private static readonly string[] HandlerMethodNames = ["Handle", "HandleAsync", "Consume", "ConsumeAsync"];

    private readonly Dictionary<Type, List<ModuleHandler>> _handlers = [];

    public ModuleMessages(IEnumerable<IModule> knownModules)
    {
        foreach (var module in knownModules)
        {
            var handlerTypes = module.GetType().Assembly.GetTypes()
                .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IWolverineHandler).IsAssignableFrom(type));
            foreach (var handlerType in handlerTypes)
            {
                var methods = handlerType.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)
                    .Where(method => HandlerMethodNames.Contains(method.Name) && method.GetParameters().Length > 0)
                    .GroupBy(method => method.GetParameters()[0].ParameterType);
                foreach (var group in methods)
                {
                    var messageType = group.Key;
                    if (!_handlers.TryGetValue(messageType, out var list))
                    {
                        _handlers[messageType] = list = [];
                    }

                    list.Add(new ModuleHandler(module, handlerType, group.Any(method => Answers(method.ReturnType))));
                }
            }
        }
    }

    public IEnumerable<Type> MessageTypes => _handlers.Keys;

    public IReadOnlyList<ModuleHandler> HandlersOf(Type messageType) =>
        _handlers.TryGetValue(messageType, out var handlers) ? handlers : [];

    private static bool Answers(Type returnType) =>
        returnType != typeof(void) && returnType != typeof(Task) && returnType != typeof(ValueTask);
}
