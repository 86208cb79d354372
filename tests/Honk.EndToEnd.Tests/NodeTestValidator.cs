namespace Honk.EndToEnd.Tests;

/// <summary>A minimal validator for these tests: runs <c>node --test</c> in the session's sandbox.</summary>
internal sealed class NodeTestValidator : Validator
{
    public int Runs { get; private set; }

    public override string Name => "node-test";

    protected override async ValueTask<ValidationResult> ValidateCoreAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        Runs++;
        var result = await context.CommandRunner!.RunAsync(new CommandRequest("node", ["--test"]), cancellationToken);
        return result.ExitCode == 0
            ? ValidationResult.Success("node --test passed")
            : ValidationResult.Failure(string.Join('\n', result.Output.Split('\n').Where(l => l.Contains("not ok", StringComparison.Ordinal) || l.Contains("expected", StringComparison.OrdinalIgnoreCase)).Take(20)));
    }
}
