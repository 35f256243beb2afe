using FluentValidation;
using Microsoft.Extensions.Options;

namespace Monolith.ArchitectureTests.Fixtures.ValidatorDependencies;

internal sealed record Order(string Name);

internal sealed class OrderLimits
{
    public int MaxName { get; set; } = 10;
}

/// <summary>Allowed: options.</summary>
internal sealed class OrderValidator : AbstractValidator<Order>
{
    public OrderValidator(IOptions<OrderLimits> options) => RuleFor(o => o.Name).MaximumLength(options.Value.MaxName);
}

/// <summary>Allowed: no dependencies, the clock.</summary>
internal sealed class DatedOrderValidator : AbstractValidator<Order>
{
    public DatedOrderValidator(TimeProvider clock) => RuleFor(o => o.Name).Must(_ => clock.GetUtcNow().Year > 2000);
}

/// <summary>Stands for a scoped service such as a DbContext.</summary>
internal sealed class OrderRepository
{
    private readonly HashSet<string> _names = [];

    public bool Exists(string name) => _names.Contains(name);
}

/// <summary>Violation: a scoped dependency in a singleton.</summary>
internal sealed class UniqueOrderValidator : AbstractValidator<Order>
{
    public UniqueOrderValidator(OrderRepository orders) => RuleFor(o => o.Name).Must(name => !orders.Exists(name));
}
