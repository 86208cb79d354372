namespace Honk.Validators;

/// <summary>
/// A repository's settings for the npm validator (<c>"validators": {"npm": {…}}</c>), e.g.
/// <code>{ "validators": { "npm": { "scripts": ["test"], "skipScripts": ["lint"], "skipHooks": true } } }</code>
/// </summary>
public sealed record NpmSettings
{
    /// <summary>
    /// The package scripts to run, in order, instead of the default (<c>build</c>, <c>test</c>, <c>lint</c> when the
    /// package has them). A listed script the package lacks is skipped with a note.
    /// </summary>
    public IReadOnlyList<string>? Scripts { get; init; }

    /// <summary>Scripts never run, e.g. <c>["lint"]</c>; also applies to their <c>pre</c>/<c>post</c> hooks.</summary>
    public IReadOnlyList<string> SkipScripts { get; init; } = [];

    /// <summary>
    /// Skips every <c>pre&lt;script&gt;</c>/<c>post&lt;script&gt;</c> hook (npm: <c>npm run test --ignore-scripts</c>,
    /// which still runs the script itself). Default: hooks run as their own steps, except those that audit or upload
    /// (<c>npm audit</c>, <c>aud</c>, <c>codecov</c>, …), which need the network the sandbox does not give.
    /// </summary>
    public bool? SkipHooks { get; init; }

    internal void Check()
    {
        if (Scripts is { } scripts && (scripts.Count == 0 || scripts.Any(string.IsNullOrWhiteSpace)))
        {
            throw new RepositorySettingsException(
                "\"validators.npm.scripts\" in the repository's honk.json must list at least one script name, e.g. [\"test\"]; leave the key out for the default (build, test, lint).");
        }

        if (SkipScripts.Any(string.IsNullOrWhiteSpace))
        {
            throw new RepositorySettingsException("\"validators.npm.skipScripts\" in the repository's honk.json holds an empty script name.");
        }
    }
}
