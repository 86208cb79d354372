namespace Honk.Validators;

/// <summary>
/// Runs several parsers over the same output and keeps every finding, for tools whose output format is not known in
/// advance (an npm <c>test</c> script may run jest, then tsc, then eslint).
/// </summary>
public sealed class CompositeOutputParser : OutputParser
{
    private readonly IReadOnlyList<IOutputParser> _parsers;

    /// <summary>Creates the parser.</summary>
    /// <param name="parsers">The parsers, in the order their findings are listed.</param>
    public CompositeOutputParser(params IEnumerable<IOutputParser> parsers)
    {
        ArgumentNullException.ThrowIfNull(parsers);
        _parsers = [.. parsers];
    }

    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
        => _parsers.OfType<OutputParser>().Select(p => p.DescribeSuccess(output)).FirstOrDefault(n => n is not null);

    /// <inheritdoc />
    /// <remarks>A script may run several runners: any positive count wins; 0 only when no parser saw a test run.</remarks>
    public override int? CountTestsRun(string output)
    {
        var counts = _parsers.OfType<OutputParser>().Select(p => p.CountTestsRun(output)).Where(c => c is not null).Select(c => c!.Value).ToList();
        return counts.Count == 0 ? null : counts.Max();
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var text = string.Join('\n', lines);
        var findings = new List<ValidationFinding>();
        foreach (var parser in _parsers)
        {
            findings.AddRange(parser.Parse(text));
        }

        return findings;
    }
}
