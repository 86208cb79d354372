using Honk.Tools;

namespace Honk.Hosting;

/// <summary>
/// The sandbox <c>honk run</c> and the host give sessions (<see cref="HonkDefaultsExtensions.AddHonkDefaults"/> uses
/// it). Everything else a session is made of comes from the feature packages' <c>Add…()</c> registrations.
/// </summary>
public static class StandardSession
{
    /// <summary>
    /// A sandbox for tools and validators: the host's toolchains and caches read-only, a per-session writable cache for
    /// restores (see <see cref="SandboxDefaults"/>). Validators' restores run with the network but see only manifests.
    /// </summary>
    /// <param name="allowUnsandboxed">Run without bubblewrap when it is unavailable (dangerous).</param>
    /// <param name="allowValidatorNetwork">Whether validators may restore packages (the caches stay read-only either way).</param>
    /// <returns>The sandbox options.</returns>
#pragma warning disable IDE0060 // allowValidatorNetwork: kept for callers; the caches are read-only either way.
    public static SandboxOptions Sandbox(bool allowUnsandboxed, bool allowValidatorNetwork) => SandboxDefaults.Create(allowUnsandboxed);
#pragma warning restore IDE0060
}
