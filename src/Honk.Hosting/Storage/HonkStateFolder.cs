using System.Security.Cryptography;

namespace Honk.Hosting;

/// <summary>
/// The host's private folder: its database and its keys. Created <c>0700</c>, every file in it <c>0600</c>, because it
/// holds what signs review links and every session's events. It lives in the user's XDG state folder by default (not
/// the current folder, which is often a repository the agent works on), and sandboxes hide it (<see cref="Path"/>).
/// </summary>
public sealed class HonkStateFolder
{
    private const UnixFileMode PrivateFolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private HonkStateFolder(string path) => Path = path;

    /// <summary>The folder, absolute.</summary>
    public string Path { get; }

    /// <summary>The SQLite database's path in the folder.</summary>
    public string DatabasePath => System.IO.Path.Combine(Path, "honk.db");

    /// <summary>
    /// The default folder: <c>$XDG_STATE_HOME/honk</c> when that is an absolute path (the XDG rule), otherwise
    /// <c>~/.local/state/honk</c>.
    /// </summary>
    /// <param name="environment">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    /// <returns>The folder's path (not created).</returns>
    public static string DefaultPath(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var xdg = environment("XDG_STATE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && System.IO.Path.IsPathFullyQualified(xdg))
        {
            return System.IO.Path.Combine(xdg, "honk");
        }

        var home = environment("HOME");
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        if (string.IsNullOrWhiteSpace(home))
        {
            throw new InvalidOperationException("Cannot find a state folder for Honk: neither XDG_STATE_HOME nor HOME is set. Set one, or configure the state folder (Honk:StateDirectory).");
        }

        return System.IO.Path.Combine(home, ".local", "state", "honk");
    }

    /// <summary>Creates (or tightens) the folder: mode <c>0700</c>, and <c>0600</c> for every file already in it.</summary>
    /// <param name="path">The folder; <see cref="DefaultPath"/> when null or empty.</param>
    /// <returns>The folder.</returns>
    /// <exception cref="InvalidOperationException">The folder cannot be created or made private; the message says which and why.</exception>
    public static HonkStateFolder Open(string? path = null)
    {
        var full = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? DefaultPath() : path);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(full);
            }
            else
            {
                Directory.CreateDirectory(full, PrivateFolderMode);

                // An existing folder keeps its mode on create: tighten it, so an old 0755 folder stops leaking the key.
                File.SetUnixFileMode(full, PrivateFolderMode);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Cannot create Honk's state folder '{full}' with mode 0700: {ex.Message} Configure another one (Honk:StateDirectory, --state-dir).", ex);
        }

        var folder = new HonkStateFolder(full);
        folder.TightenFiles();
        return folder;
    }

    /// <summary>Creates <paramref name="fileName"/> empty with mode <c>0600</c> when it is missing (so a database opened later inherits it).</summary>
    /// <param name="fileName">A file name inside the folder.</param>
    /// <returns>The file's path.</returns>
    public string EnsurePrivateFile(string fileName)
    {
        var path = Child(fileName);
        if (!File.Exists(path))
        {
            using var created = new FileStream(path, PrivateCreate(FileMode.CreateNew));
        }

        Tighten(path);
        return path;
    }

    /// <summary>Reads a secret kept in the folder, creating a random one (64 hex digits, mode <c>0600</c>) the first time.</summary>
    /// <param name="fileName">A file name inside the folder, e.g. <c>link-signing.key</c>.</param>
    /// <returns>The secret.</returns>
    public string ReadOrCreateSecret(string fileName)
    {
        var path = Child(fileName);
        if (File.Exists(path))
        {
            Tighten(path);
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length >= 32)
            {
                return existing;
            }

            throw new InvalidOperationException($"The key file '{path}' holds fewer than 32 characters; delete it to have a new key made.");
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        try
        {
            using var stream = new FileStream(path, PrivateCreate(FileMode.CreateNew));
            using var writer = new StreamWriter(stream);
            writer.Write(secret);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process made it first: use theirs.
            return ReadOrCreateSecret(fileName);
        }

        return secret;
    }

    /// <summary>Sets mode <c>0600</c> on every file in the folder (the database's <c>-wal</c> and <c>-shm</c> files too).</summary>
    public void TightenFiles()
    {
        foreach (var file in Directory.EnumerateFiles(Path))
        {
            Tighten(file);
        }
    }

    private string Child(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (fileName.IndexOfAny(['/', '\\']) >= 0 || fileName is "." or "..")
        {
            throw new ArgumentException("A file name inside the state folder, without folders.", nameof(fileName));
        }

        return System.IO.Path.Combine(Path, fileName);
    }

    private static FileStreamOptions PrivateCreate(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFileMode;
        }

        return options;
    }

    private static void Tighten(string file)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(file) && (File.GetUnixFileMode(file) & ~PrivateFileMode) != 0)
        {
            File.SetUnixFileMode(file, PrivateFileMode);
        }
    }
}
