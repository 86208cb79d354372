namespace Honk.Testing;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    /// <summary>Creates the folder.</summary>
    /// <param name="prefix">A readable prefix for the folder name.</param>
    public TemporaryDirectory(string prefix = "honk")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    /// <summary>The folder's absolute path.</summary>
    public string Path { get; }

    /// <summary>Returns the absolute path of a relative one ('/' separated) inside the folder.</summary>
    /// <param name="relativePath">The relative path.</param>
    /// <returns>The absolute path.</returns>
    public string Combine(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar)));
    }

    /// <summary>Writes a file (UTF-8, no BOM), creating folders as needed.</summary>
    /// <param name="relativePath">The path inside the folder.</param>
    /// <param name="content">The content.</param>
    /// <returns>The absolute path.</returns>
    public string WriteFile(string relativePath, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var full = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>Reads a file inside the folder.</summary>
    /// <param name="relativePath">The path inside the folder.</param>
    /// <returns>The content.</returns>
    public string ReadFile(string relativePath) => File.ReadAllText(Combine(relativePath));

    /// <summary>Deletes the folder and everything in it.</summary>
    public void Dispose() => DeleteDirectory(Path);

    internal static void DeleteDirectory(string path)
    {
        // honk's exit leaves a worktree to a detached `rm -rf` that may still be deleting inside this folder: a file or
        // folder that vanishes under the walk is what we wanted anyway, so walk again until the folder is gone.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                DeleteOnce(path);
                return;
            }
            catch (Exception e) when (attempt < 20 && e is DirectoryNotFoundException or FileNotFoundException or IOException)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static void DeleteOnce(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        // git writes its objects read-only; clear that so the delete also works where the mode bits matter.
        foreach (var file in Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(path, recursive: true);
    }
}
