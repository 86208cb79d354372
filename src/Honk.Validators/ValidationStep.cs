namespace Honk.Validators;

/// <summary>One command of a validation (build, test, lint) and the parser that reads its output.</summary>
public sealed class ValidationStep
{
    /// <summary>Creates a step.</summary>
    /// <param name="name">A short name shown in summaries, e.g. <c>build</c> or <c>test</c>.</param>
    /// <param name="request">The command. Its time limit is cut to what is left of the validator's limit, and its network
    /// access is removed unless <see cref="ValidatorOptions.AllowNetwork"/> is on.</param>
    /// <param name="parser">Reads the command's output when it fails.</param>
    public ValidationStep(string name, CommandRequest request, IOutputParser parser)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parser);
        Name = name;
        Request = request;
        Parser = parser;
    }

    /// <summary>The step's short name.</summary>
    public string Name { get; }

    /// <summary>The command.</summary>
    public CommandRequest Request { get; }

    /// <summary>The parser of the command's output.</summary>
    public IOutputParser Parser { get; }

    /// <summary>
    /// Whether later steps still run when this one fails. Default: false, because tests of a build that failed say
    /// nothing new; a lint step after the tests may set it to report both.
    /// </summary>
    public bool ContinueOnFailure { get; init; }

    /// <summary>Whether this step runs tests, so that its failing tests may be re-run to detect flaky ones.</summary>
    public bool RunsTests { get; init; }
}
