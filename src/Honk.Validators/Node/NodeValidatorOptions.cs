namespace Honk.Validators;

/// <summary>Options of <see cref="NodeValidator"/>.</summary>
public sealed class NodeValidatorOptions : ValidatorOptions
{
    /// <summary>Runs the package's <c>build</c> script, when it has one, before the tests. Default: true.</summary>
    public bool RunBuild { get; set; } = true;

    /// <summary>Runs the package's <c>lint</c> script, when it has one, after the tests. Default: true.</summary>
    public bool RunLint { get; set; } = true;

    /// <summary>Runs the package's <c>test</c> script, when it has a real one. Default: true.</summary>
    public bool RunTests { get; set; } = true;

    /// <summary>More scripts to run after the build, when the package has them (e.g. <c>typecheck</c>).</summary>
    public IList<string> ExtraScripts { get; } = [];
}
