using System.Reflection;
using System.Runtime.CompilerServices;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Routing;
using Monolith.BuildingBlocks.Modules;
using Wolverine;

namespace Monolith.ArchitectureTests;

/// <summary>How the rules recognise each kind of type: by what it is (interfaces, base classes), never by its name.</summary>
public static class Conventions
{
    /// <summary>The types of <paramref name="assembly"/> in <paramref name="rootNamespace"/> or below, without compiler-generated ones.</summary>
    public static IReadOnlyList<Type> TypesIn(Assembly assembly, string rootNamespace) =>
        assembly.GetTypes()
            .Where(type => type.Namespace is { } ns
                && (ns == rootNamespace || ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal)))
            .Where(type => !IsCompilerGenerated(type))
            .ToList();

    public static bool IsCompilerGenerated(Type type) =>
        type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) || type.Name.Contains('<', StringComparison.Ordinal);

    public static bool IsStatic(Type type) => type is { IsClass: true, IsAbstract: true, IsSealed: true };

    public static bool IsConcreteClass(Type type) => type is { IsClass: true, IsAbstract: false };

    public static bool IsEntryPoint(Type type) => IsConcreteClass(type) && type.IsAssignableTo(typeof(IModule));

    public static bool IsWolverineHandler(Type type) => IsConcreteClass(type) && type.IsAssignableTo(typeof(IWolverineHandler));

    /// <summary>The requests a MediatR handler handles, including through a base class.</summary>
    public static IReadOnlyList<Type> HandledRequests(Type type) =>
        IsConcreteClass(type)
            ? type.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
                .Select(i => i.GetGenericArguments()[0])
                .ToList()
            : [];

    public static bool IsRequestHandler(Type type) => HandledRequests(type).Count > 0;

    public static bool IsValidator(Type type)
    {
        if (!IsConcreteClass(type))
        {
            return false;
        }

        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A minimal-API endpoint class: static, with a <c>Map</c> method taking the route builder.</summary>
    public static bool IsEndpoint(Type type) =>
        IsStatic(type) && type
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Any(method => method.Name == "Map"
                && method.GetParameters().Any(parameter => parameter.ParameterType.IsAssignableTo(typeof(IEndpointRouteBuilder))));
}
