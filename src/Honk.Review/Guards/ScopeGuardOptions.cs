namespace Honk.Review;

/// <summary>Settings of <see cref="ScopeGuard"/>.</summary>
public sealed class ScopeGuardOptions
{
    /// <summary>Most files one change may touch; <see langword="null"/> for no limit. Default 25.</summary>
    public int? MaxChangedFiles { get; set; } = 25;

    /// <summary>Most lines (added plus removed) one change may touch; <see langword="null"/> for no limit. Default 1,000.</summary>
    public int? MaxChangedLines { get; set; } = 1_000;

    /// <summary>
    /// Globs of files that do not count towards the limits because tools, not people, write them: lockfiles and
    /// generated code. Files whose first added lines say <c>&lt;auto-generated</c>, <c>@generated</c> or
    /// <c>DO NOT EDIT</c> are treated the same. Default: <see cref="DefaultExcludedFromLimits"/>.
    /// </summary>
    public IList<string> ExcludedFromLimits { get; } = [.. DefaultExcludedFromLimits];

    /// <summary>
    /// Globs of files a change must never add or modify: build outputs, dependency folders and local secrets that
    /// belong in <c>.gitignore</c>. Deleting such a file is allowed. Default: <see cref="DefaultForbiddenPaths"/>.
    /// </summary>
    public IList<string> ForbiddenPaths { get; } = [.. DefaultForbiddenPaths];

    /// <summary>
    /// Whether a lockfile outside the task's allowed paths is accepted when a manifest it belongs to (in its folder or
    /// below) also changed, e.g. <c>package-lock.json</c> with <c>src/app/package.json</c>. Default <see langword="true"/>.
    /// </summary>
    public bool LockfilesFollowManifests { get; set; } = true;

    /// <summary>The longest veto message, in characters; further violations are counted, not listed. Default 2,000.</summary>
    public int MaxFeedbackChars { get; set; } = 2_000;

    /// <summary>The default of <see cref="ExcludedFromLimits"/>: common lockfiles and generated sources.</summary>
    public static IReadOnlyList<string> DefaultExcludedFromLimits { get; } =
    [
        "**/package-lock.json", "**/npm-shrinkwrap.json", "**/yarn.lock", "**/pnpm-lock.yaml", "**/bun.lock", "**/bun.lockb",
        "**/Cargo.lock", "**/go.sum", "**/poetry.lock", "**/uv.lock", "**/Pipfile.lock", "**/Gemfile.lock", "**/composer.lock",
        "**/packages.lock.json", "**/gradle.lockfile", "**/flake.lock", "**/mix.lock", "**/pubspec.lock", "**/Podfile.lock",
        "**/*.g.cs", "**/*.g.i.cs", "**/*.Designer.cs", "**/*.generated.*", "**/*.min.js", "**/*.min.css", "**/*.pb.go",
        "**/*_pb2.py", "**/*_pb2_grpc.py", "**/__snapshots__/**", "**/*.snap",
    ];

    /// <summary>The default of <see cref="ForbiddenPaths"/>: dependency folders, build outputs and local secrets.</summary>
    public static IReadOnlyList<string> DefaultForbiddenPaths { get; } =
    [
        "**/node_modules/**", "**/obj/**", "**/__pycache__/**", "**/*.pyc", "**/.pytest_cache/**", "**/.DS_Store",
        "**/.env", "**/*.pem", "**/id_rsa", "**/id_ed25519",
    ];
}
