namespace Honk.Tools.Tests.Commands;

/// <summary>A temp folder (symbolic links resolved) removed when disposed.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "honk-cmd-", string? parent = null)
    {
        var created = parent is null
            ? Directory.CreateTempSubdirectory(prefix).FullName
            : Directory.CreateDirectory(System.IO.Path.Combine(parent, prefix + Guid.NewGuid().ToString("N")[..10])).FullName;
        Path = HostPaths.TryResolve(created) ?? created;
    }

    public string Path { get; }

    public string Combine(string relative) => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
