using System.Diagnostics;
using System.Text.Json;

namespace SemanticKernelSample;

/// <summary>A throw-away git repository whose test fails, and the script of a model that fixes it.</summary>
internal sealed class SampleRepository : IDisposable
{
    private readonly string _folder;

    private SampleRepository(string folder)
    {
        _folder = folder;
    }

    /// <summary>The repository.</summary>
    public string Root => Path.Combine(_folder, "repo");

    /// <summary>The scripted model's turns (the offline stand-in for a real model; see docs/models.md).</summary>
    public string ModelScript => Path.Combine(_folder, "fix.json");

    public static SampleRepository Create()
    {
        var sample = new SampleRepository(Directory.CreateTempSubdirectory("honk-semantic-kernel-").FullName);
        Directory.CreateDirectory(sample.Root);
        Write(sample.Root, "shout.sh", "#!/bin/sh\n# Shouts its argument.\necho \"$1\" | tr a-z A-Z\n");
        Write(sample.Root, "test.sh", """
            #!/bin/sh
            got=$(sh ./shout.sh hello)
            if [ "$got" != "HELLO!" ]; then
              echo "FAIL shout: expected 'HELLO!', got '$got'"
              exit 1
            fi
            echo "PASS shout"
            """);
        Write(sample.Root, "Makefile", "all:\n\t@true\n\ntest:\n\t@sh ./test.sh\n");
        foreach (var args in new[] { "init -q -b main", "add .", "-c user.name=sample -c user.email=sample@example.com commit -qm \"shout, with a failing test\"" })
        {
            Git(sample.Root, args);
        }

        File.WriteAllText(sample.ModelScript, JsonSerializer.Serialize(new
        {
            turns = new object[]
            {
                new { toolCalls = new object[] { Call("tickets_get_ticket", new { id = "SHOP-7" }), Call("read_file", new { path = "shout.sh" }) } },
                new { toolCalls = new object[] { Call("edit_file", new { path = "shout.sh", old_text = "echo \"$1\" | tr a-z A-Z", new_text = "printf '%s!\\n' \"$(echo \"$1\" | tr a-z A-Z)\"" }) } },
                new { text = "shout.sh now ends shouted words with '!', as ticket SHOP-7 asks; make test passes." },
            },
        }));
        return sample;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static object Call(string name, object arguments) => new { name, arguments };

    private static void Write(string root, string name, string content) => File.WriteAllText(Path.Combine(root, name), content.ReplaceLineEndings("\n") + (content.EndsWith('\n') ? "" : "\n"));

    private static void Git(string root, string args)
    {
        using var git = Process.Start(new ProcessStartInfo("git", args) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true })!;
        git.WaitForExit();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {args} failed: {git.StandardError.ReadToEnd()}");
        }
    }
}
