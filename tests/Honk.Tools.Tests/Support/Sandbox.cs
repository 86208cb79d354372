using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.AI;

namespace Honk.Tools.Tests.Support;

/// <summary>
/// A temporary folder holding the workspace (<c>ws/</c>) and, beside it, an <c>outside/</c> folder with a secret, so a
/// test can prove that nothing outside the workspace was read or written. Deleted on dispose.
/// </summary>
internal sealed class Sandbox : IDisposable
{
    public const string Secret = "TOP-SECRET-OUTSIDE-CONTENT";
    private readonly Dictionary<string, AIFunction> _tools;

    public Sandbox(BuiltInToolsOptions? options = null, bool git = false)
    {
        Base = Path.Combine(Path.GetTempPath(), "honk-tools-" + Guid.NewGuid().ToString("N")[..12]);
        Base = new DirectoryInfo(Directory.CreateDirectory(Base).FullName).ResolveLinkTarget(true)?.FullName ?? Base;
        Root = Directory.CreateDirectory(Path.Combine(Base, "ws")).FullName;
        Outside = Directory.CreateDirectory(Path.Combine(Base, "outside")).FullName;
        File.WriteAllText(Path.Combine(Outside, "secret.txt"), Secret + "\n");
        Directory.CreateDirectory(Path.Combine(Outside, "hooks"));
        Workspace = new TestWorkspace(Root);
        Context = new ToolContext("session-1", new CodingTask("test"), Workspace);
        _tools = BuiltInTools.Create(options).ToDictionary(t => t.Name);
        if (git)
        {
            Git("init", "-q", "-b", "main");
            Git("config", "user.email", "t@example.com");
            Git("config", "user.name", "T");
        }

        OutsideSnapshot = Snapshot(Outside);
    }

    public string Base { get; }

    public string Root { get; }

    public string Outside { get; }

    public TestWorkspace Workspace { get; }

    public ToolContext Context { get; }

    public WorkspaceFence Fence => new(Root);

    private Dictionary<string, string> OutsideSnapshot { get; set; }

    public string Path_(string relative) => Path.Combine(Root, relative);

    public string Write(string relative, string content)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    public AIFunction Tool(string name) => _tools[name];

    public async Task<string> InvokeAsync(string tool, object? arguments = null)
    {
        var dictionary = arguments switch
        {
            null => new Dictionary<string, object?>(),
            IDictionary<string, object?> d => new Dictionary<string, object?>(d),
            _ => arguments.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(arguments)),
        };
        var args = new AIFunctionArguments(dictionary).WithToolContext(Context);
        var result = await _tools[tool].InvokeAsync(args, TestContext.Current.CancellationToken);
        return Assert.IsType<string>(result);
    }

    public async Task<ToolException> FailsAsync(string tool, object? arguments = null)
        => await Assert.ThrowsAsync<ToolException>(() => InvokeAsync(tool, arguments));

    /// <summary>Resnapshots the outside folder after a test created fixtures in it.</summary>
    public void AcceptOutsideState() => OutsideSnapshot = Snapshot(Outside);

    /// <summary>Asserts nothing outside the workspace changed: same files, same bytes, and no stray files beside it.</summary>
    public void AssertOutsideUntouched()
    {
        Assert.Equal(OutsideSnapshot, Snapshot(Outside));
        var siblings = Directory.EnumerateFileSystemEntries(Base).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new List<string> { "outside", "ws" }, siblings);
    }

    public string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {error}");
        return output;
    }

    public static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Base, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }

    private static Dictionary<string, string> Snapshot(string folder)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var info = new FileInfo(entry);
            result[Path.GetRelativePath(folder, entry)] = info.LinkTarget is not null ? "link:" + info.LinkTarget
                : Directory.Exists(entry) ? "dir"
                : Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry)));
        }

        return result;
    }
}
