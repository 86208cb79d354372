using Honk.Tools;

namespace Honk.Hosting;

/// <summary>
/// The sandbox <c>honk run</c> and the host give sessions (<see cref="HonkDefaultsExtensions.AddHonkDefaults"/> uses
/// it). Everything else a session is made of comes from the feature packages' <c>Add…()</c> registrations.
/// </summary>
public static class StandardSession
{
    /// <summary>
    /// A sandbox for tools and validators. It hides the host's home folder; toolchains keep their package caches there,
    /// so those few folders are made readable (writable only when validators may restore packages).
    /// </summary>
    /// <param name="allowUnsandboxed">Run without bubblewrap when it is unavailable (dangerous).</param>
    /// <param name="allowValidatorNetwork">Whether validators may restore packages (then the caches are writable).</param>
    /// <returns>The sandbox options.</returns>
    public static SandboxOptions Sandbox(bool allowUnsandboxed, bool allowValidatorNetwork)
    {
        var sandbox = new SandboxOptions { AllowUnsandboxed = allowUnsandboxed };
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var caches = new[] { Path.Combine(home, ".nuget", "packages"), "/opt/nuget/packages", Path.Combine(home, ".cargo"), Path.Combine(home, ".rustup"), Path.Combine(home, ".m2"), Path.Combine(home, "go", "pkg", "mod") };
        foreach (var cache in caches.Where(Directory.Exists))
        {
            (allowValidatorNetwork ? sandbox.ReadWritePaths : sandbox.ReadOnlyPaths).Add(cache);
        }

        if (Directory.Exists(caches[0]))
        {
            sandbox.Environment["NUGET_PACKAGES"] = caches[0];
        }

        if (Directory.Exists(caches[3]))
        {
            sandbox.Environment["RUSTUP_HOME"] = caches[3];
            sandbox.Environment["CARGO_HOME"] = caches[2];
        }

        return sandbox;
    }
}
