using Honk.Tools;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests.Toolchains;

/// <summary>A sandboxed runner as a host would set it up for the toolchains: rustup's cargo made visible, network off.</summary>
internal static class ToolchainSandbox
{
    private static readonly string Home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public static SandboxedCommandRunner For(string root)
    {
        var options = new SandboxOptions { DefaultTimeout = TimeSpan.FromMinutes(2) };
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        var cargoBin = Path.Combine(Home, ".cargo", "bin");
        if (Directory.Exists(cargoBin))
        {
            // The host's home is hidden in the sandbox: a rustup install under it is made visible read-only.
            options.ReadOnlyPaths.Add(cargoBin);
            path = cargoBin + ":" + path;
        }

        var rustup = Path.Combine(Home, ".rustup");
        if (Directory.Exists(rustup))
        {
            options.ReadOnlyPaths.Add(rustup);
            options.Environment["RUSTUP_HOME"] = rustup;
        }

        options.SearchPath = path;
        return new SandboxedCommandRunner(root, options);
    }

    public static async Task<ValidationResult> ValidateAsync(CommandValidator validator, string root, CancellationToken cancellationToken)
    {
        await SandboxRunners.RequireBubblewrapAsync();
        var context = new FolderWorkspace(root).Context(For(root));
        return await validator.ValidateAsync(context, cancellationToken);
    }

    /// <summary>Skips the test unless the sandbox finds the program.</summary>
    public static async Task RequireAsync(string root, string program, params string[] probe)
    {
        await SandboxRunners.RequireBubblewrapAsync();
        var request = probe.Length == 0 ? CommandRequest.Shell($"command -v {program}") : new CommandRequest(program, probe);
        var result = await For(root).RunAsync(request with { Timeout = TimeSpan.FromSeconds(30) }, TestContext.Current.CancellationToken);
        if (result.ExitCode != 0)
        {
            Assert.Skip($"{program} is not usable in the sandbox on this machine ({string.Join(' ', probe)} exit {result.ExitCode}); its parser is tested on recorded output.");
        }
    }
}
