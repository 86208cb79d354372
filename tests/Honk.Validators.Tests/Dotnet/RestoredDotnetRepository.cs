using Honk.Testing;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests.Dotnet;

/// <summary>
/// What the .NET fixtures share: a folder whose packages come only from the machine's local package folder, written
/// by <see cref="WriteFiles"/> and restored once outside the sandbox (validators then run with the network off).
/// </summary>
public abstract class RestoredDotnetRepository : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory;

    protected RestoredDotnetRepository(string prefix) => _directory = new TemporaryDirectory(prefix);

    public string Root => _directory.Path;

    /// <summary>The solution restored after the files are written.</summary>
    protected abstract string Solution { get; }

    public async ValueTask InitializeAsync()
    {
        _directory.WriteFile("nuget.config", """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="/opt/nuget/packages" />
              </packageSources>
            </configuration>
            """);
        WriteFiles();
        await ProcessRunner.RunAsync(Root, "dotnet", "restore", Solution, "-nologo", "-v:q");
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes the layout's files (the NuGet configuration is already there).</summary>
    protected abstract void WriteFiles();

    protected void WriteFile(string path, string content) => _directory.WriteFile(path, content);
}
