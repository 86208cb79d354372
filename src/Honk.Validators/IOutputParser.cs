namespace Honk.Validators;

/// <summary>Turns a tool's raw output into the distinct problems it reports.</summary>
public interface IOutputParser
{
    /// <summary>Extracts findings (errors, failing tests) from raw output; noise is dropped.</summary>
    /// <param name="output">The command's output (stdout and stderr interleaved).</param>
    /// <returns>The findings in the order they appeared; empty when the output names no problem.</returns>
    IReadOnlyList<ValidationFinding> Parse(string output);
}
