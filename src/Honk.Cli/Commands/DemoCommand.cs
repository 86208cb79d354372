using System.CommandLine;
using Honk.Cli.Demo;
using Honk.Cli.Output;
using Honk.Cli.Running;
using Honk.Git;
using Honk.Models;

namespace Honk.Cli.Commands;

/// <summary>
/// <c>honk demo</c>: the whole path of a task on a fresh machine with no key — a real repository with a real bug,
/// a recorded session (scripted model) through the real tools, sandbox, validators, judge and delivery.
/// </summary>
internal static class DemoCommand
{
    private static readonly GitRunner Git = new();

    private static readonly Option<string> Folder = new("--dir") { Description = "Where to create the demo repository. Default: a new folder under the system temp folder." };
    private static readonly Option<bool> Json = new("--json") { Description = "Print the result as JSON (the same object as honk run --json)." };
    private static readonly Option<bool> Verbose = new("--verbose") { Description = "Show more detail." };

    public static Command Create()
    {
        var command = new Command("demo", "Run a recorded session on a small repository with a real bug: no API key needed.") { Folder, Json, Verbose };
        command.SetAction(ExecuteAsync);
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = new CliOutput(parse.GetValue(Json), parse.GetValue(Verbose));
        try
        {
            var root = parse.GetValue(Folder) is { } dir ? Path.GetFullPath(dir) : Path.Combine(Path.GetTempPath(), "honk-demo-" + Guid.NewGuid().ToString("n")[..8]);
            var repository = Path.Combine(root, "stats-demo");
            if (Directory.Exists(repository) && Directory.EnumerateFileSystemEntries(repository).Any())
            {
                throw new CliException($"The demo folder '{repository}' already exists and is not empty: pass another --dir.");
            }

            output.Status($"Creating a small JavaScript repository with a real bug at {repository}");
            await CreateRepositoryAsync(repository, cancellationToken).ConfigureAwait(false);
            var script = Path.Combine(root, "demo-session.json");
            await File.WriteAllTextAsync(script, await ReadResourceAsync("demo-session.json").ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            var judgeScript = Path.Combine(root, "demo-judge.json");
            await File.WriteAllTextAsync(judgeScript, await ReadResourceAsync("demo-judge.json").ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

            // The demo's commands are recorded and known, so on a machine without bubblewrap it may run them unisolated;
            // a real `honk run` never does that without --unsafe-no-sandbox.
            var sandboxProblem = await Tools.SandboxedCommandRunner.GetUnavailableReasonAsync().ConfigureAwait(false);
            if (sandboxProblem is not null)
            {
                output.Warning($"bubblewrap is not usable here ({sandboxProblem}); the demo runs its recorded commands without isolation. Install bubblewrap before running Honk on real tasks.");
            }

            var request = new RunRequest
            {
                Repository = repository,
                RepositoryIsLocal = true,
                Task = new CodingTask(DemoRepository.Task) { Title = "Fix sum() skipping the first value" },
                Model = ModelSpec.Script(script),
                JudgeModel = ModelSpec.Script(judgeScript),
                Deliver = DeliveryMode.Branch,
                AlsoPatch = true,
                Budget = Budget.Default,
                TranscriptDirectory = Path.Combine(root, "transcripts"),
                PatchDirectory = root,
                AllowUnsandboxed = sandboxProblem is not null,
            };
            var result = await CliSession.RunAsync(request, output, output.WriteResult, cancellationToken).ConfigureAwait(false);
            if (!output.Json)
            {
                Console.WriteLine();
                Console.WriteLine($"The demo repository is at {repository}.");
                Console.WriteLine(result.IsSuccess
                    ? $"Look at the change with: git -C {repository} log -p -1 {result.Branch}"
                    : "The session did not succeed; the transcript above says why.");
                Console.WriteLine("Run Honk on your own repository with a real model: honk run --repo <path> --task \"...\" --model anthropic:<model> (see docs/models.md).");
            }

            return CliExitCodes.For(result.Status);
        }
        catch (CliException ex)
        {
            output.WriteError(ex.Message);
            return CliExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            output.WriteUnexpected(ex);
            return CliExitCodes.SessionFailed;
        }
    }

    private static async Task CreateRepositoryAsync(string repository, CancellationToken cancellationToken)
    {
        foreach (var (path, content) in DemoRepository.Files)
        {
            var full = Path.Combine(repository, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content, cancellationToken).ConfigureAwait(false);
        }

        await GitAsync(repository, cancellationToken, "init", "--quiet", "--initial-branch=main").ConfigureAwait(false);
        await GitAsync(repository, cancellationToken, "add", "--all").ConfigureAwait(false);
        await GitAsync(repository, cancellationToken, "-c", "user.name=Demo Developer", "-c", "user.email=dev@example.com", "commit", "--quiet", "-m", "stats helpers with tests").ConfigureAwait(false);
    }

    private static async Task GitAsync(string directory, CancellationToken cancellationToken, params string[] arguments)
    {
        GitResult result;
        try
        {
            result = await Git.RunAsync(directory, arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (GitException ex)
        {
            throw new CliException(ex.Message);
        }

        if (!result.Succeeded)
        {
            throw new CliException($"git {string.Join(' ', arguments)} failed: {result.StandardError.Trim()}");
        }
    }

    private static async Task<string> ReadResourceAsync(string name)
    {
        var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream($"Honk.Cli.Demo.{name}")
            ?? throw new InvalidOperationException($"The demo resource {name} is missing from the build.");
        await using var _ = stream.ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }
}
