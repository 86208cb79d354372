using Honk.Models;
using Microsoft.Extensions.AI;

namespace Honk;

/// <summary>
/// Creates a session's model from a <see cref="ModelSpec"/> (<c>--model</c>, a task file, an API request). The first
/// registered factory that <see cref="CanCreate"/> a spec creates it; <c>script:</c> is built in. A client created from
/// a spec belongs to its session, which disposes it at the end — so sessions never share a model's state.
/// </summary>
public interface IModelFactory
{
    /// <summary>Whether this factory creates models of <paramref name="spec"/>'s provider.</summary>
    /// <param name="spec">The spec.</param>
    /// <returns>True when <see cref="Create"/> handles it.</returns>
    bool CanCreate(ModelSpec spec);

    /// <summary>Creates a new client for one session.</summary>
    /// <param name="spec">The spec.</param>
    /// <returns>The client; the session disposes it.</returns>
    IChatClient Create(ModelSpec spec);
}
