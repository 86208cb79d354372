using Microsoft.Extensions.DependencyInjection;

namespace Honk;

/// <summary>Returned by <c>services.AddHonk()</c>; every further registration is a <c>With…</c> extension on it.</summary>
public interface IHonkBuilder
{
    /// <summary>The service collection Honk registers into.</summary>
    IServiceCollection Services { get; }
}
