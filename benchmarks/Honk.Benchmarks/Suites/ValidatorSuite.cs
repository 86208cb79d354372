using System.Globalization;
using System.Text;
using Honk.Benchmarks.Harness;
using Honk.Testing;
using Honk.Tools;
using Honk.Validators;

namespace Honk.Benchmarks.Suites;

/// <summary>
/// Issue 5, item 6, on real projects written to a temp folder and restored outside the sandbox: the validators'
/// summary bytes against the raw log a person would read (a failing build, a failing test; .NET and node:test), and
/// the re-validation time after a one-line change against a warm incremental <c>dotnet build</c> +
/// <c>dotnet test --no-build</c> run by hand. A third timing column runs the validator's own two commands by hand
/// (same flags, no sandbox), which separates the sandbox and parsing from the flags' cost.
/// </summary>
internal static class ValidatorSuite
{
    private static readonly Dictionary<string, string> NoTerminal = new(StringComparer.Ordinal)
    {
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    public static async Task RunAsync(int repetitions)
    {
        var scratch = Path.Combine(Machine.TempRoot, "validator-suite");
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        try
        {
            var dotnet = Directory.CreateDirectory(Path.Combine(scratch, "dotnet")).FullName;
            ValidatorProjects.WriteDotnet(dotnet);
            await Proc.RunAsync(dotnet, "dotnet", ["restore", "Shop.slnx", "-nologo", "-v:q"], NoTerminal, check: true).ConfigureAwait(false);
            var node = Directory.CreateDirectory(Path.Combine(scratch, "node")).FullName;
            ValidatorProjects.WriteNode(node);

            Console.WriteLine();
            Console.WriteLine("| project | case | raw log (bytes) | validator summary (bytes) | summary ÷ raw | what the summary kept |");
            Console.WriteLine("| --- | --- | ---: | ---: | ---: | --- |");
            await DotnetSizesAsync(dotnet).ConfigureAwait(false);
            await NodeSizesAsync(node).ConfigureAwait(false);
            await DotnetTimingAsync(dotnet, repetitions).ConfigureAwait(false);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static async Task DotnetSizesAsync(string root)
    {
        await using var workspace = await DirectoryWorkspace.CreateAsync(root).ConfigureAwait(false);
        var validator = Dotnet();
        var runner = Runner(root);

        ValidatorProjects.Write(root, ValidatorProjects.PricingPath, ValidatorProjects.Pricing(ValidatorProjects.BuggyDiscount));
        var raw = await HandBuildAndTestAsync(root, "Shop.slnx").ConfigureAwait(false);
        var result = await validator.ValidateAsync(Context(workspace, runner)).ConfigureAwait(false);
        Row(".NET (3 projects, 12 tests)", "failing test (3 of 12 fail: 2 Facts, 1 Theory row)", raw, result);

        ValidatorProjects.Write(root, ValidatorProjects.PricingPath, ValidatorProjects.Pricing(ValidatorProjects.BrokenDiscount));
        var buildLog = await Proc.RunAsync(root, "dotnet", ["build", "Shop.slnx"], NoTerminal).ConfigureAwait(false);
        result = await validator.ValidateAsync(Context(workspace, runner)).ConfigureAwait(false);
        Row(".NET (3 projects, 12 tests)", "compile error (CS0103)", buildLog.LogBytes, result);
        ValidatorProjects.Write(root, ValidatorProjects.PricingPath, ValidatorProjects.Pricing(ValidatorProjects.GoodDiscount));
    }

    private static async Task NodeSizesAsync(string root)
    {
        await using var workspace = await DirectoryWorkspace.CreateAsync(root).ConfigureAwait(false);
        var validator = BuiltInValidators.Create().Single(v => v.Name == NodeValidator.ValidatorName);
        var runner = Runner(root);
        foreach (var (label, cart) in new[] { ("failing test (2 of 6 fail)", ValidatorProjects.BuggyCart), ("syntax error (module does not load)", ValidatorProjects.BrokenCart) })
        {
            ValidatorProjects.Write(root, ValidatorProjects.CartPath, ValidatorProjects.Cart(cart));
            var raw = await Proc.RunAsync(root, "npm", ["test"]).ConfigureAwait(false);
            var result = await validator.ValidateAsync(Context(workspace, runner)).ConfigureAwait(false);
            Row("Node (node:test, 6 tests)", label, raw.LogBytes, result);
        }

        ValidatorProjects.Write(root, ValidatorProjects.CartPath, ValidatorProjects.Cart(ValidatorProjects.GoodCart));
    }

    private static async Task DotnetTimingAsync(string root, int repetitions)
    {
        await using var workspace = await DirectoryWorkspace.CreateAsync(root).ConfigureAwait(false);
        var validator = Dotnet();
        var runner = Runner(root);
        var revision = 0;
        Task Change()
        {
            ValidatorProjects.Write(root, ValidatorProjects.PricingPath, ValidatorProjects.Pricing(ValidatorProjects.GoodDiscount, ++revision));
            return Task.CompletedTask;
        }

        ValidationResult? last = null;
        var results = Path.Combine(Path.GetDirectoryName(root)!, "hand-results");
        var samples = await Measure.SideBySideAsync(repetitions, 1,
            ("by hand: dotnet build + dotnet test --no-build (warm, default flags)", Change, async () =>
            {
                var log = await HandBuildAndTestAsync(root, "Shop.slnx").ConfigureAwait(false);
                Require(log > 0, "hand run");
            }),
            ("Honk dotnet validator (sandboxed)", Change, async () =>
            {
                last = await validator.ValidateAsync(Context(workspace, runner)).ConfigureAwait(false);
                Require(last.Outcome == ValidationOutcome.Passed, "validator: " + last.Summary);
            }),
            ("by hand with the validator's flags (no sandbox)", Change, async () =>
            {
                var project = "tests/Shop.Tests/Shop.Tests.csproj";
                var build = await Proc.RunAsync(root, "dotnet", ["build", project, "--no-restore", "-nologo", "-v:q", "-clp:NoSummary", "-tl:off", "-nodeReuse:false",
                    "-p:UseSharedCompilation=false", "-p:GenerateFullPaths=true"], NoTerminal).ConfigureAwait(false);
                Require(build.ExitCode == 0, "flagged build");
                var test = await Proc.RunAsync(root, "dotnet", ["test", project, "--no-build", "--no-restore", "-nologo", "-v:q", "-tl:off", "--logger", "trx", "--results-directory", results], NoTerminal).ConfigureAwait(false);
                Require(test.ExitCode == 0, "flagged test");
            }),
            ("by hand with the validator's flags but the build server on", Change, async () =>
            {
                var project = "tests/Shop.Tests/Shop.Tests.csproj";
                var build = await Proc.RunAsync(root, "dotnet", ["build", project, "--no-restore", "-nologo", "-v:q", "-clp:NoSummary", "-tl:off",
                    "-p:GenerateFullPaths=true"], NoTerminal).ConfigureAwait(false);
                Require(build.ExitCode == 0, "build-server build");
                var test = await Proc.RunAsync(root, "dotnet", ["test", project, "--no-build", "--no-restore", "-nologo", "-v:q", "-tl:off", "--logger", "trx", "--results-directory", results], NoTerminal).ConfigureAwait(false);
                Require(test.ExitCode == 0, "build-server test");
            })).ConfigureAwait(false);

        Console.WriteLine();
        Console.WriteLine($"Validator's last summary: {last?.Summary}");
        Console.WriteLine();
        Console.WriteLine("| re-validation after a one-line change | median (s) | min | max | ÷ by hand |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var sample in samples)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {sample.Name} | {sample.MedianMs / 1000:0.00} | {sample.MinMs / 1000:0.00} | {sample.MaxMs / 1000:0.00} | {sample.MedianMs / samples[0].MedianMs:0.00}× |"));
        }
    }

    /// <summary>What a person runs after an edit; returns the bytes they would read.</summary>
    private static async Task<int> HandBuildAndTestAsync(string root, string target)
    {
        var build = await Proc.RunAsync(root, "dotnet", ["build", target], NoTerminal).ConfigureAwait(false);
        if (build.ExitCode != 0)
        {
            return build.LogBytes;
        }

        var test = await Proc.RunAsync(root, "dotnet", ["test", target, "--no-build"], NoTerminal).ConfigureAwait(false);
        return build.LogBytes + test.LogBytes;
    }

    private static void Row(string project, string label, int rawBytes, ValidationResult result)
    {
        var summaryBytes = Encoding.UTF8.GetByteCount(result.Summary);
        var kept = string.Join("; ", result.Findings.Take(4).Select(f => f.TestName ?? f.Code ?? f.Message.Split('\n')[0]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {project} | {label} | {rawBytes:N0} | {summaryBytes:N0} | {summaryBytes / (double)rawBytes:0.000} | {result.Outcome}, {result.Findings.Count} finding(s): {kept} |"));
        Console.Error.WriteLine($"--- summary ({label}) ---\n{result.Summary}\n---");
    }

    private static Validator Dotnet() => BuiltInValidators.Create().Single(v => v.Name == DotnetValidator.ValidatorName);

    private static ValidationContext Context(Workspace workspace, ICommandRunner runner)
        => new("bench", new CodingTask("validator benchmark"), workspace) { CommandRunner = runner, Round = 1 };

    /// <summary>The sandbox as the CLI configures it for validators (src/Honk.Cli/Running/CliSession.cs, SandboxFor).</summary>
    private static SandboxedCommandRunner Runner(string root)
    {
        var options = new SandboxOptions { DefaultTimeout = TimeSpan.FromMinutes(5) };
        var nuget = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var path in new[] { nuget, "/opt/nuget/packages" }.Where(Directory.Exists))
        {
            options.ReadOnlyPaths.Add(path);
        }

        options.Environment["NUGET_PACKAGES"] = nuget;
        return new SandboxedCommandRunner(root, options);
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{what} failed; the timing would be meaningless");
        }
    }
}
