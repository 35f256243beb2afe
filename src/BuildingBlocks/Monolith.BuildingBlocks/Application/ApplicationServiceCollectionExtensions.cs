using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Monolith.BuildingBlocks.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// Registers a module's MediatR handlers and FluentValidation validators from its assembly.
    /// MediatR 5.1 has no DI package we can use here, so Scrutor scans and the mediator resolves
    /// through a <see cref="ServiceFactory"/> over the container.
    /// </summary>
    public static IServiceCollection AddModuleApplication(this IServiceCollection services, Assembly moduleAssembly)
    {
        services.TryAddScoped<ServiceFactory>(provider => provider.GetService!);
        services.TryAddScoped<IMediator, Mediator>();
        // Singletons: both hold only singletons (a logger, the validators below), so a request builds neither (ADR 61).
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>)));
        services.TryAddSingleton(TimeProvider.System);

        services.Scan(scan => scan
            .FromAssemblies(moduleAssembly)
            .AddClasses(classes => classes.AssignableTo(typeof(IRequestHandler<,>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime());

        // Singletons: FluentValidation compiles a validator's rule expressions when it is constructed (≈ 0.9 ms for the
        // search rules), and a built validator is immutable, so one per process serves every request. Validators may
        // therefore depend only on singletons (options); the architecture tests hold them to that.
        services.AddValidatorsFromAssembly(moduleAssembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }
}
